package io.mdm.audit.access;

import java.time.Instant;
import java.util.Objects;

/**
 * The permission an approved request gives its requester: read one employee's backup within
 * {@code scope}, during {@code [validFrom, validUntil)}, at most {@code maxReads} times.
 *
 * @param id                the grant id the backup-service passes to {@code AuthorizeRead}
 * @param requestId         the access request it came from
 * @param requestedBy       the user name of the only person who may read with it
 * @param subjectEmployeeId the only employee whose data it opens
 * @param scope             the time range and optional conversations
 * @param validFrom         first instant of validity (the final approval)
 * @param validUntil        first instant it no longer works
 * @param maxReads          the read budget
 * @param readsUsed         reads consumed so far
 * @param notifySubjectAt   from when the employee sees the access in their access log
 * @param revokedAt         when it was revoked, {@code null} while it is not
 */
public record Grant(
        String id,
        String requestId,
        String requestedBy,
        String subjectEmployeeId,
        AccessScope scope,
        Instant validFrom,
        Instant validUntil,
        int maxReads,
        int readsUsed,
        Instant notifySubjectAt,
        Instant revokedAt) {

    public Grant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(subjectEmployeeId, "subjectEmployeeId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(notifySubjectAt, "notifySubjectAt");
        if (!validFrom.isBefore(validUntil)) {
            throw new IllegalArgumentException("validFrom must be before validUntil");
        }
        if (maxReads < 1 || readsUsed < 0 || readsUsed > maxReads) {
            throw new IllegalArgumentException("need 0 <= readsUsed <= maxReads and maxReads >= 1");
        }
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public int remainingReads() {
        return maxReads - readsUsed;
    }

    Grant revoked(Instant at) {
        return new Grant(id, requestId, requestedBy, subjectEmployeeId, scope, validFrom, validUntil,
                maxReads, readsUsed, notifySubjectAt, at);
    }
}
