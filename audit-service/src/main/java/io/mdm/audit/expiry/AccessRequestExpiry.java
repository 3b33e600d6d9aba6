package io.mdm.audit.expiry;

import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.persistence.AccessRequestRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Stores the expiry of PENDING requests whose decision deadline has come: every minute for all
 * of them, and at once for a request someone reads, so that no reader sees a stale PENDING.
 */
@ApplicationScoped
public class AccessRequestExpiry {

    /** Requests expired per run; more wait for the next run, and reads show them EXPIRED meanwhile. */
    static final int BATCH_SIZE = 500;

    private final AccessRequestRepository requests;
    private final Clock clock;

    public AccessRequestExpiry(AccessRequestRepository requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireOverdueRequests() {
        expireOverdue(clock.instant());
    }

    /**
     * Stores EXPIRED for every PENDING request whose deadline is not after {@code now}, up to
     * {@link #BATCH_SIZE}.
     *
     * @return how many this call stored; one changed concurrently is left to that change
     */
    public int expireOverdue(Instant now) {
        int expired = 0;
        for (AccessRequest overdue : requests.overdue(now, BATCH_SIZE)) {
            AccessRequest expiredRequest = overdue.expireIfUndecided(now);
            if (expiredRequest != overdue && requests.store(expiredRequest)) {
                expired++;
            }
        }
        return expired;
    }

    /** The request as it stands now; a PENDING request past its deadline is stored as EXPIRED first. */
    public AccessRequest current(AccessRequest loaded) {
        Instant now = clock.instant();
        AccessRequest current = loaded.expireIfUndecided(now);
        if (current == loaded || requests.store(current)) {
            return current;
        }
        // Changed in between, most likely by the job storing the same expiry: show what is stored.
        return requests.find(loaded.id()).map(stored -> stored.expireIfUndecided(now)).orElse(current);
    }
}
