package io.mdm.backup.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The employees' unwrapped data keys, kept in memory (least recently used first out) so that
 * ingest and reads unwrap a key once, not per message. Thread-safe.
 *
 * <p>Unwrapping, possibly a KMS call, happens outside the lock. A {@link #forget} that happens
 * meanwhile makes the load start over, so a key being shredded is never put back in the cache.
 */
public final class EmployeeKeyring {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final KeyEncryptionKey kek;
    private final WrappedKeyStore store;
    private final Map<String, EmployeeDataKey> cache;
    // Guarded by this; counts forgets, to detect one racing a load.
    private long forgets;

    public EmployeeKeyring(KeyEncryptionKey kek, WrappedKeyStore store, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.kek = Objects.requireNonNull(kek, "kek");
        this.store = Objects.requireNonNull(store, "store");
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EmployeeDataKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The employee's key for sealing new messages, created and stored on the first one. */
    public EmployeeDataKey keyForWriting(String employeeId) {
        return obtain(employeeId, true).orElseThrow();
    }

    /** The employee's key for opening stored messages; empty when there is none, e.g. shredded. */
    public Optional<EmployeeDataKey> keyForReading(String employeeId) {
        return obtain(employeeId, false);
    }

    /**
     * Destroys the employee's key unless a legal hold is active: the stored wrapped key first,
     * then the cached one, so no concurrent load can bring it back.
     */
    public ShreddingDecision shred(String employeeId, boolean underActiveHold) {
        ShreddingDecision decision = ShreddingDecision.decide(underActiveHold);
        if (decision == ShreddingDecision.SHRED) {
            store.delete(employeeId);
            forget(employeeId);
        }
        return decision;
    }

    /**
     * Drops the cached key; also for other replicas to call when they learn that an employee
     * was shredded.
     */
    public synchronized void forget(String employeeId) {
        cache.remove(employeeId);
        forgets++;
    }

    private Optional<EmployeeDataKey> obtain(String employeeId, boolean createIfAbsent) {
        Objects.requireNonNull(employeeId, "employeeId");
        while (true) {
            long forgetsBeforeLoad;
            synchronized (this) {
                EmployeeDataKey cached = cache.get(employeeId);
                if (cached != null) {
                    return Optional.of(cached);
                }
                forgetsBeforeLoad = forgets;
            }
            Optional<EmployeeDataKey> loaded = load(employeeId, createIfAbsent);
            synchronized (this) {
                if (forgets == forgetsBeforeLoad) {
                    if (loaded.isEmpty()) {
                        return loaded;
                    }
                    // Another thread may have loaded it meanwhile: everyone gets the same instance.
                    EmployeeDataKey earlier = cache.putIfAbsent(employeeId, loaded.get());
                    return Optional.of(earlier != null ? earlier : loaded.get());
                }
            }
        }
    }

    private Optional<EmployeeDataKey> load(String employeeId, boolean createIfAbsent) {
        Optional<byte[]> wrapped = store.find(employeeId);
        if (wrapped.isPresent()) {
            return Optional.of(EmployeeDataKey.unwrap(wrapped.get(), kek, employeeId));
        }
        if (!createIfAbsent) {
            return Optional.empty();
        }
        EmployeeDataKey created = EmployeeDataKey.generate();
        byte[] ours = created.wrappedWith(kek, employeeId);
        byte[] stored = store.insertIfAbsent(employeeId, ours);
        return Optional.of(Arrays.equals(stored, ours) ? created : EmployeeDataKey.unwrap(stored, kek, employeeId));
    }

    @Override
    public String toString() {
        return "EmployeeKeyring[key material not shown]";
    }
}
