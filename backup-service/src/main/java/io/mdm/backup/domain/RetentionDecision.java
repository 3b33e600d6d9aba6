package io.mdm.backup.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What retention does with one stored message.
 *
 * <p>A message is retained for {@code retentionDays} days of 24 hours after {@code sentAt}, the
 * interval {@code [sentAt, sentAt + retentionDays)}: at exactly {@code sentAt + retentionDays}
 * the period is over and the message is expired.
 */
public enum RetentionDecision {
    KEEP,
    PURGE,
    /** Expired, but the employee is under an active legal hold: nothing of theirs is purged. */
    KEEP_UNDER_HOLD;

    public static RetentionDecision decide(Instant sentAt, int retentionDays, boolean underActiveHold, Instant now) {
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(now, "now");
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be at least 1");
        }
        Instant expiresAt = sentAt.plus(Duration.ofDays(retentionDays));
        if (now.isBefore(expiresAt)) {
            return KEEP;
        }
        return underActiveHold ? KEEP_UNDER_HOLD : PURGE;
    }
}
