package io.mdm.backup.ingest;

import io.mdm.backup.persistence.MessageRepository;
import io.mdm.backup.persistence.UploadRepository;
import io.mdm.backup.persistence.UploadRepository.PendingUpload;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Completes uploads that a stopped replica left pending, so that their events are not lost
 * (principle 5). The counts come from the messages themselves, which name the upload that wrote them.
 */
@ApplicationScoped
public class UploadRecovery {

    /** An upload pending this long is no longer running: a request takes seconds at most. */
    static final Duration GRACE = Duration.ofMinutes(5);
    static final int BATCH_SIZE = 100;

    private static final Logger LOG = Logger.getLogger(UploadRecovery.class);

    private final UploadRepository uploads;
    private final MessageRepository messages;
    private final Clock clock;

    public UploadRecovery(UploadRepository uploads, MessageRepository messages, Clock clock) {
        this.uploads = uploads;
        this.messages = messages;
        this.clock = clock;
    }

    @Scheduled(identity = "backup-upload-recovery", every = "${mdm.backup.upload-recovery-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void completeInterruptedUploads() {
        int completed = completeInterrupted(clock.instant().minus(GRACE));
        if (completed > 0) {
            LOG.infof("Completed %d interrupted upload(s)", completed);
        }
    }

    /**
     * Completes up to {@link #BATCH_SIZE} uploads still pending that were received before
     * {@code receivedBefore}. A message upload counts as accepted what it stored, as duplicates what
     * other uploads had stored; messages it never got to store count in neither, and the phone,
     * which got no answer, sends them again.
     *
     * @return how many this call completed; one completed concurrently is not counted
     */
    public int completeInterrupted(Instant receivedBefore) {
        int completed = 0;
        for (PendingUpload upload : uploads.pendingSince(receivedBefore, BATCH_SIZE)) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            boolean done = switch (upload.kind()) {
                case MESSAGES -> {
                    long accepted = messages.countArchivedBy(upload.id(), upload.keys());
                    long duplicates = messages.countStored(upload.keys()) - accepted;
                    yield uploads.completeArchive(upload, (int) accepted, (int) duplicates, now);
                }
                case DELETIONS -> uploads.completeDeletions(upload,
                        (int) messages.countDeletionsRecordedBy(upload.id(), upload.keys()), now);
            };
            if (done) {
                completed++;
            }
        }
        return completed;
    }
}
