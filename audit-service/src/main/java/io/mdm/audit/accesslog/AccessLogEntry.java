package io.mdm.audit.accesslog;

import io.mdm.audit.access.AccessRequestStatus;
import io.mdm.audit.access.LegalBasis;

import java.time.Instant;
import java.util.List;

/**
 * One access to an employee's backup as the employee sees it in {@code GET /me/access-log}.
 *
 * @param requestId  the access request
 * @param requestedBy the compliance officer who asked and alone may read
 * @param approvers  the privacy officers who approved, in order
 * @param reason     the requester's reason
 * @param legalBasis the legal basis named
 * @param scope      what of the backup the grant opened
 * @param approvedAt when the final approval made the grant
 * @param validUntil when the grant stopped or stops working
 * @param status     APPROVED, or REVOKED when the grant was ended early
 * @param reads      every read the audit log authorized with the grant, oldest first
 */
public record AccessLogEntry(String requestId, String requestedBy, List<String> approvers, String reason,
                             LegalBasis legalBasis, Scope scope, Instant approvedAt, Instant validUntil,
                             AccessRequestStatus status, List<Read> reads) {

    /** {@code [from, to)} and the conversations it was limited to (empty: all). */
    public record Scope(Instant from, Instant to, List<String> conversationIds) {
    }

    /** One authorized read: when and by whom. */
    public record Read(Instant at, String by) {
    }
}
