package io.mdm.backup;

import io.mdm.backup.domain.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A legal hold: while it is {@link Status#ACTIVE}, nothing of the named employees is purged by
 * retention or crypto-shredded (principle 5). A hold is placed once and released once; it is never
 * deleted, so the record of who held what, and why, stays.
 *
 * <p>The canonical constructor checks only the state invariants, so that a hold stored under
 * earlier rules can still be read; {@link #place} checks what a person may ask for.
 */
public record LegalHold(String id, List<String> employeeIds, String caseReference, String reason, Status status,
                        String placedBy, Instant placedAt, String releasedBy, Instant releasedAt,
                        String releaseReason) {

    public enum Status {
        ACTIVE,
        RELEASED
    }

    public static final int MAX_EMPLOYEES = 100;
    public static final int MAX_CASE_REFERENCE_LENGTH = 200;
    public static final int MIN_REASON_LENGTH = 10;
    public static final int MAX_REASON_LENGTH = 2000;

    private static final Pattern EMPLOYEE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public LegalHold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(placedBy, "placedBy");
        Objects.requireNonNull(placedAt, "placedAt");
        employeeIds = List.copyOf(employeeIds);
        boolean released = status == Status.RELEASED;
        if (released != (releasedBy != null && releasedAt != null)) {
            throw new IllegalArgumentException("a released hold, and only a released hold, names who released it and when");
        }
    }

    /**
     * A new active hold.
     *
     * @throws InvalidLegalHoldException naming every broken rule of the request
     */
    public static LegalHold place(String id, List<String> employeeIds, String caseReference, String reason,
                                  String placedBy, Instant placedAt) {
        List<Violation> violations = check(employeeIds, caseReference, reason);
        if (!violations.isEmpty()) {
            throw new InvalidLegalHoldException(violations);
        }
        return new LegalHold(id, employeeIds, caseReference, reason, Status.ACTIVE, placedBy, placedAt,
                null, null, null);
    }

    /**
     * Every broken rule of a request to place a hold: {@code employeeIds} 1 to {@value #MAX_EMPLOYEES}
     * distinct employee ids, {@code caseReference} 1 to {@value #MAX_CASE_REFERENCE_LENGTH} characters,
     * {@code reason} {@value #MIN_REASON_LENGTH} to {@value #MAX_REASON_LENGTH} characters. Rule names as
     * in {@link io.mdm.backup.domain.MessageValidator}: {@code required}, {@code size}, {@code format},
     * {@code unique}, {@code length}.
     */
    public static List<Violation> check(List<String> employeeIds, String caseReference, String reason) {
        List<Violation> violations = new ArrayList<>();
        if (employeeIds == null || employeeIds.isEmpty() || employeeIds.size() > MAX_EMPLOYEES) {
            violations.add(new Violation("employeeIds", "size", "must hold 1 to " + MAX_EMPLOYEES + " employee ids"));
        }
        if (employeeIds != null) {
            Map<String, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < employeeIds.size(); i++) {
                String field = "employeeIds[" + i + "]";
                String employeeId = employeeIds.get(i);
                if (employeeId == null || employeeId.isEmpty()) {
                    violations.add(required(field));
                } else if (!isEmployeeId(employeeId)) {
                    violations.add(new Violation(field, "format",
                            "must be 1 to 64 letters, digits, dots, underscores or hyphens"));
                } else {
                    Integer first = firstIndex.putIfAbsent(employeeId, i);
                    if (first != null) {
                        violations.add(new Violation(field, "unique", "repeats employeeIds[" + first + "]"));
                    }
                }
            }
        }
        checkText(violations, "caseReference", caseReference, 1, MAX_CASE_REFERENCE_LENGTH);
        checkText(violations, "reason", reason, MIN_REASON_LENGTH, MAX_REASON_LENGTH);
        return violations;
    }

    /** True for a well-formed employee id, as the identity provider issues them. */
    public static boolean isEmployeeId(String value) {
        return value != null && EMPLOYEE_ID.matcher(value).matches();
    }

    /**
     * This hold, released.
     *
     * @throws LegalHoldAlreadyReleasedException when it was released before
     * @throws InvalidLegalHoldException         when the reason is missing, too short or too long
     */
    public LegalHold release(String by, String why, Instant at) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (status == Status.RELEASED) {
            throw new LegalHoldAlreadyReleasedException(id, releasedAt);
        }
        List<Violation> violations = new ArrayList<>();
        checkText(violations, "reason", why, MIN_REASON_LENGTH, MAX_REASON_LENGTH);
        if (!violations.isEmpty()) {
            throw new InvalidLegalHoldException(violations);
        }
        return new LegalHold(id, employeeIds, caseReference, reason, Status.RELEASED, placedBy, placedAt,
                by, at, why);
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    /**
     * True when a request with these terms asks for exactly this hold; a client that repeats a
     * request (same idempotency key) must repeat it unchanged.
     */
    public boolean hasTerms(List<String> employeeIds, String caseReference, String reason) {
        return this.employeeIds.equals(employeeIds) && this.caseReference.equals(caseReference)
                && this.reason.equals(reason);
    }

    private static void checkText(List<Violation> violations, String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            violations.add(required(field));
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            violations.add(new Violation(field, "length", "must be " + min + " to " + max + " characters"));
        }
    }

    private static Violation required(String field) {
        return new Violation(field, "required", "must be present and not blank");
    }
}
