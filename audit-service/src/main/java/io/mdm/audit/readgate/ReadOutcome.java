package io.mdm.audit.readgate;

import java.time.Instant;

/**
 * The answer to one {@code AuthorizeRead} call, given only after its audit record is durable.
 *
 * @param allowed        whether the backup-service may decrypt
 * @param denialReason   why not, null when allowed
 * @param remainingReads reads left once this one is counted; 0 when refused
 * @param validUntil     when the grant stops working; null when refused
 * @param auditSeq       seq of the audit record of this decision
 */
public record ReadOutcome(boolean allowed, String denialReason, int remainingReads, Instant validUntil, long auditSeq) {
}
