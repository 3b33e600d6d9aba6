package io.mdm.contracts;

/** The Kafka topics of the platform; the record key keeps per-entity order. */
public final class Topics {
    /** Device lifecycle, keyed by device id (privacy notices by ownership). */
    public static final String DEVICE = "mdm.device.v1";
    /** Policies keyed by policy id, compliance changes by device id. */
    public static final String POLICY = "mdm.policy.v1";
    /** Backup facts (counts only, never content), keyed by employee id; legal holds by hold id. */
    public static final String BACKUP = "mdm.backup.v1";
    /** The audit log in sequence order, plus signed checkpoints. */
    public static final String AUDIT = "mdm.audit.v1";
    /** Notices to employees that their data was accessed. */
    public static final String NOTIFICATIONS = "mdm.notifications.v1";

    private Topics() {
    }
}
