package io.mdm.backup.domain;

/** What one retention run did, as {@code POST /backup/retention/run} answers it. */
public record RetentionRun(long purged, long keptUnderHold) {

    public static final RetentionRun NOTHING = new RetentionRun(0, 0);

    /** This summary with one more decision counted; {@link RetentionDecision#KEEP} counts in neither. */
    public RetentionRun counting(RetentionDecision decision) {
        return switch (decision) {
            case PURGE -> new RetentionRun(purged + 1, keptUnderHold);
            case KEEP_UNDER_HOLD -> new RetentionRun(purged, keptUnderHold + 1);
            case KEEP -> this;
        };
    }
}
