package io.mdm.audit.rest;

import io.mdm.audit.access.LegalBasis;
import io.mdm.audit.access.NewAccessRequest;

/**
 * The JSON bodies of the access-request endpoints. Their fields are checked by the domain
 * ({@link io.mdm.audit.access.AccessRequest}), which reports every bad field at once, so they
 * carry no constraints of their own.
 */
public final class AccessRequestBodies {

    private AccessRequestBodies() {
    }

    /** {@code POST /access-requests}. */
    public record NewRequest(String subjectEmployeeId, ScopeJson scope, LegalBasis legalBasis, String reason,
                             String caseReference, Integer requestedHours, Integer maxReads) {

        NewAccessRequest toNewAccessRequest() {
            return new NewAccessRequest(subjectEmployeeId, scope == null ? null : scope.toAccessScope(), legalBasis,
                    reason, caseReference, requestedHours, maxReads);
        }
    }

    /** {@code POST /access-requests/{id}/approve}; a delay of the subject's notice needs a reason. */
    public record Approval(String comment, Integer notifySubjectAfterDays, String delayReason) {
    }

    /** {@code POST /access-requests/{id}/reject} and {@code /revoke}. */
    public record Comment(String comment) {
    }
}
