package io.mdm.audit.log.service;

import io.mdm.audit.log.Checkpoint;
import io.mdm.audit.log.CheckpointSigner;
import io.mdm.audit.log.store.AuditLogStore;
import io.mdm.audit.log.store.CheckpointStore;
import io.mdm.audit.log.store.LogHead;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;

/**
 * Signs checkpoints of the log's head as {@link CheckpointSchedule} says, looking once a second.
 * Several replicas may sign the same head; the first stored checkpoint of a tree size stays.
 */
@ApplicationScoped
public class Checkpointer {

    private static final Logger LOG = Logger.getLogger(Checkpointer.class);

    private final AuditLogStore store;
    private final CheckpointStore checkpoints;
    private final CheckpointSigner signer;
    private final CheckpointSchedule schedule;
    private final Clock clock;
    private volatile boolean failing;

    public Checkpointer(AuditLogStore store, CheckpointStore checkpoints, CheckpointSigner signer,
                        AuditLogConfig config, Clock clock) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.schedule = new CheckpointSchedule(config.checkpointEveryRecords(), config.checkpointEvery());
        this.clock = clock;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkpointWhenDue() {
        try {
            LogHead head = store.head();
            if (schedule.isDue(head.size(), checkpoints.latest().orElse(null), clock.instant())) {
                sign(head);
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("No audit checkpoint can be signed for now: %s", e.getClass().getSimpleName());
                failing = true;
            }
        }
    }

    /** A checkpoint of the current head: the latest one if it already covers the head, else a new one. */
    public Checkpoint checkpointNow() {
        LogHead head = store.head();
        Optional<Checkpoint> latest = checkpoints.latest();
        if (latest.isPresent() && latest.get().treeSize() >= head.size()) {
            return latest.get();
        }
        return sign(head);
    }

    private Checkpoint sign(LogHead head) {
        Checkpoint checkpoint = signer.sign(head.size(), head.frontier().rootHash(), clock.instant());
        // Another replica may have stored this size first; its checkpoint is as good as ours.
        return checkpoints.add(checkpoint) ? checkpoint : checkpoints.latest().orElse(checkpoint);
    }
}
