package io.mdm.audit.access;

/** Why an {@code AuthorizeRead} call was refused; the gRPC adapter sends the name as {@code denial_reason}. */
public enum DenialReason {
    /** No grant with that id. */
    UNKNOWN_GRANT,
    /** The caller no longer holds the compliance-officer role. */
    MISSING_ROLE,
    /** The grant belongs to another officer. */
    NOT_THE_REQUESTER,
    /** The grant was revoked. */
    REVOKED,
    /** The request behind the grant is not (or no longer) approved. */
    NOT_APPROVED,
    /** The grant is about another employee. */
    WRONG_SUBJECT,
    /** Before the grant's {@code validFrom}. */
    NOT_YET_VALID,
    /** At or after the grant's {@code validUntil}. */
    EXPIRED,
    /** The time range or conversation asked lies outside the approved scope. */
    OUT_OF_SCOPE,
    /** Every read of the budget was used. */
    BUDGET_EXHAUSTED
}
