package io.mdm.contracts;

/** CloudEvents {@code type} values, one constant per event of API.md. */
public final class EventTypes {
    public static final String DEVICE_ENROLLED = "mdm.device.enrolled";
    public static final String DEVICE_UNENROLLED = "mdm.device.unenrolled";
    public static final String DEVICE_WIPE_REQUESTED = "mdm.device.wipe-requested";
    public static final String DEVICE_COMMAND_ACKNOWLEDGED = "mdm.device.command-acknowledged";
    public static final String PRIVACY_NOTICE_PUBLISHED = "mdm.privacy-notice.published";

    public static final String POLICY_PUBLISHED = "mdm.policy.published";
    public static final String POLICY_ARCHIVED = "mdm.policy.archived";
    public static final String COMPLIANCE_CHANGED = "mdm.compliance.changed";

    public static final String BACKUP_MESSAGES_ARCHIVED = "mdm.backup.messages-archived";
    public static final String BACKUP_DELETION_RECORDED = "mdm.backup.deletion-recorded";
    public static final String BACKUP_LEGAL_HOLD_PLACED = "mdm.backup.legal-hold-placed";
    public static final String BACKUP_LEGAL_HOLD_RELEASED = "mdm.backup.legal-hold-released";
    public static final String BACKUP_RETENTION_PURGED = "mdm.backup.retention-purged";
    public static final String BACKUP_SUBJECT_SHREDDED = "mdm.backup.subject-shredded";

    public static final String AUDIT_RECORD = "mdm.audit.record";
    public static final String AUDIT_CHECKPOINT = "mdm.audit.checkpoint";

    public static final String NOTIFICATION_DATA_ACCESSED = "mdm.notification.data-accessed";

    private EventTypes() {
    }
}
