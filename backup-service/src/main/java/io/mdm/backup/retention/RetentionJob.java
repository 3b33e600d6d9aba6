package io.mdm.backup.retention;

import io.mdm.backup.domain.RetentionDecision;
import io.mdm.backup.domain.RetentionRun;
import io.mdm.backup.persistence.LegalHoldRepository;
import io.mdm.backup.persistence.MessageRepository;
import io.mdm.backup.persistence.MessageRepository.Expired;
import io.mdm.backup.persistence.RetentionRunRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Purges the messages whose retention period is over, except those of employees under an active
 * legal hold (principle 5). Works in pages of {@link #BATCH_SIZE}: per page one query for the
 * messages, one for the holds and one delete. Replicas may run it at the same time: a message is
 * deleted once and counted by the run that deleted it.
 */
@ApplicationScoped
public class RetentionJob {

    static final int BATCH_SIZE = 500;
    /** Who started a run that the schedule started. */
    public static final String SCHEDULER = "scheduler";

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final MessageRepository messages;
    private final LegalHoldRepository holds;
    private final RetentionRunRepository runs;
    private final Clock clock;

    public RetentionJob(MessageRepository messages, LegalHoldRepository holds, RetentionRunRepository runs,
                        Clock clock) {
        this.messages = messages;
        this.holds = holds;
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(identity = "backup-retention", every = "${mdm.backup.retention-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRun() {
        run(SCHEDULER);
    }

    /** One run as of now; emits {@code mdm.backup.retention-purged} with its counts. */
    public RetentionRun run(String startedBy) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long purged = 0;
        long keptUnderHold = 0;
        Optional<Expired> after = Optional.empty();
        List<Expired> page;
        do {
            page = messages.expired(now, after, BATCH_SIZE);
            if (page.isEmpty()) {
                break;
            }
            Set<String> held = holds.employeesUnderActiveHold(
                    page.stream().map(Expired::employeeId).collect(Collectors.toSet()));
            List<String> purge = new ArrayList<>();
            for (Expired message : page) {
                RetentionDecision decision = RetentionDecision.decide(message.sentAt(), message.retentionDays(),
                        held.contains(message.employeeId()), now);
                if (decision == RetentionDecision.PURGE) {
                    purge.add(message.key());
                } else if (decision == RetentionDecision.KEEP_UNDER_HOLD) {
                    keptUnderHold++;
                }
            }
            purged += messages.deleteExpired(purge, now);
            after = Optional.of(page.get(page.size() - 1));
        } while (page.size() == BATCH_SIZE);

        RetentionRun run = new RetentionRun(purged, keptUnderHold);
        runs.record(UUID.randomUUID().toString(), startedBy, now, clock.instant().truncatedTo(ChronoUnit.MILLIS), run);
        LOG.infof("Retention run by %s: %d purged, %d kept under legal hold", startedBy, purged, keptUnderHold);
        return run;
    }
}
