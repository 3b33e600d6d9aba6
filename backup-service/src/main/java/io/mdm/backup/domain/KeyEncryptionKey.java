package io.mdm.backup.domain;

/**
 * The key that encrypts the per-employee data keys (envelope encryption). This is where a KMS
 * (Vault Transit, a cloud KMS) plugs in; {@link LocalKeyEncryptionKey} keeps the key in the
 * service's own configuration.
 */
public interface KeyEncryptionKey {

    /** Encrypts a serialized data keyset, bound to {@code associatedData}. */
    byte[] wrap(byte[] plaintextKeyset, byte[] associatedData);

    /**
     * Decrypts what {@link #wrap} produced with the same associated data.
     *
     * @throws UnreadableKeyException when {@code wrapped} was not made by this key with this
     *         associated data, or was altered; an unreachable KMS raises something else, since
     *         that failure is temporary
     */
    byte[] unwrap(byte[] wrapped, byte[] associatedData);
}
