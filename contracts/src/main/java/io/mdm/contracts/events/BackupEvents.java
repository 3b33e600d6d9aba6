package io.mdm.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * Payloads of topic {@code mdm.backup.v1}: counts and identifiers only. None carries message
 * content, a participant, a key or free text; the reasons given for a legal hold, its release or a
 * shredding stay in the backup-service.
 */
public final class BackupEvents {

    private BackupEvents() {
    }

    /** {@code mdm.backup.messages-archived}: one accepted upload of a device. */
    public record MessagesArchived(String employeeId, String deviceId, int accepted, int duplicates, Instant at) {
    }

    /** {@code mdm.backup.deletion-recorded}: deletions on the phone, recorded; the backup copies stay. */
    public record DeletionRecorded(String employeeId, String deviceId, int recorded, Instant at) {
    }

    /** {@code mdm.backup.legal-hold-placed}: from now on nothing of these employees is purged or shredded. */
    public record LegalHoldPlaced(String holdId, List<String> employeeIds, String caseReference, String placedBy,
                                  Instant placedAt) {
        public LegalHoldPlaced {
            employeeIds = List.copyOf(employeeIds);
        }
    }

    /** {@code mdm.backup.legal-hold-released}: this hold no longer protects these employees (others still may). */
    public record LegalHoldReleased(String holdId, List<String> employeeIds, String releasedBy, Instant releasedAt) {
        public LegalHoldReleased {
            employeeIds = List.copyOf(employeeIds);
        }
    }

    /** {@code mdm.backup.retention-purged}: one retention run. */
    public record RetentionPurged(long purged, long keptUnderHold, Instant at) {
    }

    /** {@code mdm.backup.subject-shredded}: the employee's data key is destroyed; their backup is unreadable. */
    public record SubjectShredded(String employeeId, String shreddedBy, Instant at) {
    }
}
