package io.mdm.backup.read;

import java.time.Instant;

/**
 * The audit-service's decision on one read. {@code denialReason} is set, and safe to show to
 * the caller, when {@code allowed} is false; {@code validUntil} is null when the answer has none.
 */
public record ReadAuthorization(boolean allowed, String denialReason, int remainingReads, Instant validUntil,
                                long auditSeq) {
}
