package io.mdm.backup.domain;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A wrapped-key store in memory. {@link #duringNextFind} runs an action after the stored value
 * was read and before it is returned: a concurrent writer, played without threads.
 */
final class InMemoryWrappedKeyStore implements WrappedKeyStore {

    private final ConcurrentMap<String, byte[]> keys = new ConcurrentHashMap<>();
    private Runnable duringNextFind = () -> { };

    void duringNextFind(Runnable action) {
        duringNextFind = action;
    }

    @Override
    public Optional<byte[]> find(String employeeId) {
        byte[] found = keys.get(employeeId);
        Runnable action = duringNextFind;
        duringNextFind = () -> { };
        action.run();
        return Optional.ofNullable(found);
    }

    @Override
    public byte[] insertIfAbsent(String employeeId, byte[] wrappedKey) {
        byte[] earlier = keys.putIfAbsent(employeeId, wrappedKey);
        return earlier != null ? earlier : wrappedKey;
    }

    @Override
    public void delete(String employeeId) {
        keys.remove(employeeId);
    }
}
