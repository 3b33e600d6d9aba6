package io.mdm.backup.domain;

import java.util.Optional;

/** Where the wrapped employee data keys are kept; the persistence layer implements it. */
public interface WrappedKeyStore {

    Optional<byte[]> find(String employeeId);

    /**
     * Stores {@code wrappedKey} unless the employee already has one, atomically, and returns
     * the wrapped key stored after the call: so two replicas ingesting the first messages of
     * an employee at once end up with one key.
     */
    byte[] insertIfAbsent(String employeeId, byte[] wrappedKey);

    /** Destroys the employee's wrapped key; with it every message sealed under it is unreadable. */
    void delete(String employeeId);
}
