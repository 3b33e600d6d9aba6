package io.mdm.backup.domain;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls to a real key encryption key, to prove the keyring caches. */
final class CountingKeyEncryptionKey implements KeyEncryptionKey {

    private final KeyEncryptionKey delegate;
    private final AtomicInteger unwraps = new AtomicInteger();

    CountingKeyEncryptionKey(KeyEncryptionKey delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] wrap(byte[] plaintextKeyset, byte[] associatedData) {
        return delegate.wrap(plaintextKeyset, associatedData);
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
        unwraps.incrementAndGet();
        return delegate.unwrap(wrapped, associatedData);
    }

    int unwraps() {
        return unwraps.get();
    }
}
