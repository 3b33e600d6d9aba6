package io.mdm.audit.access;

import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether one read of decrypted backup content may happen ({@code AuthorizeRead}).
 *
 * <p>The checks that concern who is calling come first, so that an officer probing someone
 * else's grant id learns nothing about that grant's state.
 *
 * <p>This decision is made on the grant as last read from storage; two reads racing for the last
 * unit of budget would both see it free. The storage adapter must therefore consume the read with
 * a conditional update that re-checks {@code readsUsed < maxReads} (and that the grant is not
 * revoked), e.g. increment only where {@code readsUsed < maxReads && revokedAt == null}, and treat
 * an update that matched nothing as {@link DenialReason#BUDGET_EXHAUSTED} or
 * {@link DenialReason#REVOKED}. A denial consumes nothing.
 */
public final class ReadAuthorization {

    /**
     * @param grant             the grant named by the call, {@code null} when no such grant exists
     * @param requestStatus     status of the request the grant belongs to, {@code null} when unknown
     * @param caller            the reader, verified from the token by the adapter (not the backup-service's word)
     * @param subjectEmployeeId the employee whose data is to be read
     * @param requested         time range and conversation of the read
     * @param now               the current instant
     */
    public ReadDecision decide(Grant grant, AccessRequestStatus requestStatus, Caller caller,
                               String subjectEmployeeId, AccessScope requested, Instant now) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(now, "now");
        if (grant == null) {
            return denied(DenialReason.UNKNOWN_GRANT, "No grant with this id exists.");
        }
        if (!caller.isComplianceOfficer()) {
            return denied(DenialReason.MISSING_ROLE, "Reading requires the compliance-officer role.");
        }
        // An exact match: letting a differently spelled account read would widen the grant.
        if (!caller.username().equals(grant.requestedBy())) {
            return denied(DenialReason.NOT_THE_REQUESTER, "Only the officer who requested the grant may use it.");
        }
        if (grant.isRevoked() || requestStatus == AccessRequestStatus.REVOKED) {
            return denied(DenialReason.REVOKED, "The grant was revoked.");
        }
        if (requestStatus != AccessRequestStatus.APPROVED) {
            return denied(DenialReason.NOT_APPROVED, "The access request behind the grant is not approved.");
        }
        if (!grant.subjectEmployeeId().equals(subjectEmployeeId)) {
            return denied(DenialReason.WRONG_SUBJECT, "The grant does not cover this employee.");
        }
        if (now.isBefore(grant.validFrom())) {
            return denied(DenialReason.NOT_YET_VALID, "The grant is not valid yet.");
        }
        if (!now.isBefore(grant.validUntil())) {
            return denied(DenialReason.EXPIRED, "The grant has expired.");
        }
        if (!grant.scope().contains(requested)) {
            return denied(DenialReason.OUT_OF_SCOPE, "The read lies outside the approved time range or conversations.");
        }
        if (grant.readsUsed() >= grant.maxReads()) {
            return denied(DenialReason.BUDGET_EXHAUSTED, "The grant's read budget is used up.");
        }
        return new ReadDecision.Allowed(grant.remainingReads() - 1, grant.validUntil());
    }

    private static ReadDecision denied(DenialReason reason, String message) {
        return new ReadDecision.Denied(reason, message);
    }
}
