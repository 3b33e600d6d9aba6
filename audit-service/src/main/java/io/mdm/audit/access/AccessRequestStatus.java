package io.mdm.audit.access;

/**
 * Where an access request stands. Only {@link #PENDING} can still change by a decision;
 * {@link #APPROVED} can still be {@link #REVOKED}. Requests are never deleted.
 */
public enum AccessRequestStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    REVOKED
}
