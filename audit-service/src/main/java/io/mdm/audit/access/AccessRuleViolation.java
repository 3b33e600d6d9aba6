package io.mdm.audit.access;

import java.util.List;
import java.util.Objects;

/**
 * A call that the four-eyes rules refuse. The REST adapter turns it into an RFC 9457 problem
 * with {@link Kind#httpStatus()}; the message names the rule and is safe to show to the caller
 * (it never contains a reason text, a comment or any backup content).
 */
public final class AccessRuleViolation extends RuntimeException {

    public enum Kind {
        /** A field is missing, too long, out of range or malformed; see {@link #violations()}. */
        INVALID(400),
        /** Wrong role, or the four-eyes rule: requester, approver and subject must differ. */
        FORBIDDEN(403),
        /** The request's state does not allow it: already decided, past its deadline, a repeated approval. */
        CONFLICT(409),
        /** Valid input that breaks a business rule, e.g. a notification delay without a reason. */
        UNPROCESSABLE(422);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;
    private final List<FieldViolation> violations;

    private AccessRuleViolation(Kind kind, String message, List<FieldViolation> violations) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.violations = List.copyOf(violations);
    }

    static AccessRuleViolation invalid(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an INVALID violation needs at least one field violation");
        }
        return new AccessRuleViolation(Kind.INVALID, "The request has invalid fields.", violations);
    }

    static AccessRuleViolation forbidden(String message) {
        return new AccessRuleViolation(Kind.FORBIDDEN, message, List.of());
    }

    static AccessRuleViolation conflict(String message) {
        return new AccessRuleViolation(Kind.CONFLICT, message, List.of());
    }

    static AccessRuleViolation unprocessable(String message) {
        return new AccessRuleViolation(Kind.UNPROCESSABLE, message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return kind.httpStatus();
    }

    /** The fields that failed, one entry per field; empty unless the kind is {@link Kind#INVALID}. */
    public List<FieldViolation> violations() {
        return violations;
    }
}
