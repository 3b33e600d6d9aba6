package io.mdm.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessRequestStatus;
import io.mdm.audit.access.Approval;
import io.mdm.audit.access.Grant;
import io.mdm.audit.access.LegalBasis;
import io.mdm.audit.access.Rejection;
import io.mdm.audit.access.Revocation;

import java.time.Instant;
import java.util.List;

/**
 * An access request as the officers see it. Fields without a value (no case reference, no
 * decision yet, no grant before approval) are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessRequestView(
        String id,
        AccessRequestStatus status,
        String subjectEmployeeId,
        ScopeJson scope,
        LegalBasis legalBasis,
        String reason,
        String caseReference,
        int requestedHours,
        int maxReads,
        String requestedBy,
        Instant createdAt,
        Instant decideBefore,
        List<ApprovalView> approvals,
        RejectionView rejection,
        RevocationView revocation,
        GrantView grant) {

    static AccessRequestView of(AccessRequest request) {
        return new AccessRequestView(request.id(), request.status(), request.subjectEmployeeId(),
                ScopeJson.of(request.scope()), request.legalBasis(), request.reason(), request.caseReference(),
                request.requestedHours(), request.maxReads(), request.requestedBy(), request.createdAt(),
                request.decideBefore(), request.approvals().stream().map(ApprovalView::of).toList(),
                request.rejection() == null ? null : RejectionView.of(request.rejection()),
                request.revocation() == null ? null : RevocationView.of(request.revocation()),
                request.grant() == null ? null : GrantView.of(request.grant()));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApprovalView(String approver, String comment, Instant at, int notifySubjectAfterDays,
                               String delayReason) {
        static ApprovalView of(Approval approval) {
            return new ApprovalView(approval.approver(), approval.comment(), approval.at(),
                    approval.notifySubjectAfterDays(), approval.delayReason());
        }
    }

    public record RejectionView(String by, String comment, Instant at) {
        static RejectionView of(Rejection rejection) {
            return new RejectionView(rejection.by(), rejection.comment(), rejection.at());
        }
    }

    public record RevocationView(String by, String comment, Instant at) {
        static RevocationView of(Revocation revocation) {
            return new RevocationView(revocation.by(), revocation.comment(), revocation.at());
        }
    }

    /** The grant of an approved request; {@code revokedAt} appears once it was revoked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantView(String id, Instant validFrom, Instant validUntil, int maxReads, int readsUsed,
                            Instant notifySubjectAt, Instant revokedAt) {
        static GrantView of(Grant grant) {
            return new GrantView(grant.id(), grant.validFrom(), grant.validUntil(), grant.maxReads(),
                    grant.readsUsed(), grant.notifySubjectAt(), grant.revokedAt());
        }
    }
}
