package io.mdm.backup.ingest;

import io.mdm.backup.MessagingPolicy;
import io.mdm.backup.config.BackupConfig;
import io.mdm.backup.grpc.client.PolicyQueryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The devices' messaging policies, kept for a while (bounded, least recently used out) so that
 * ingest does not ask the policy-service for every upload. {@link #invalidateAll} runs on every
 * policy change the policy-service announces; the time to live bounds staleness should an
 * announcement be missed. Thread-safe.
 *
 * <p>The remote call happens outside the lock. An invalidation meanwhile keeps its answer out of
 * the cache, since it may predate the change.
 */
@ApplicationScoped
public class DevicePolicyCache {

    private record Cached(MessagingPolicy policy, Instant expiresAt) {
    }

    private final Function<String, Optional<MessagingPolicy>> source;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> entries;
    // Guarded by this; counts invalidations, to detect one racing a load.
    private long invalidations;

    @Inject
    public DevicePolicyCache(PolicyQueryClient policies, Clock clock, BackupConfig config) {
        this(policies::messagingPolicy, clock, config.policyCacheTtl(), config.policyCacheSize());
    }

    DevicePolicyCache(Function<String, Optional<MessagingPolicy>> source, Clock clock, Duration ttl, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The device's messaging policy; {@link MessagingPolicy#NO_BACKUP} for a device the
     * policy-service does not know, which is not kept: it may learn of the device any moment.
     */
    public MessagingPolicy forDevice(String deviceId) {
        long invalidationsBeforeLoad;
        synchronized (this) {
            Cached cached = entries.get(deviceId);
            if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
                return cached.policy();
            }
            invalidationsBeforeLoad = invalidations;
        }
        Optional<MessagingPolicy> loaded = source.apply(deviceId);
        if (loaded.isEmpty()) {
            return MessagingPolicy.NO_BACKUP;
        }
        synchronized (this) {
            if (invalidations == invalidationsBeforeLoad) {
                entries.put(deviceId, new Cached(loaded.get(), clock.instant().plus(ttl)));
            }
        }
        return loaded.get();
    }

    /** Forgets every device's policy: a policy change may concern any device. */
    public synchronized void invalidateAll() {
        entries.clear();
        invalidations++;
    }
}
