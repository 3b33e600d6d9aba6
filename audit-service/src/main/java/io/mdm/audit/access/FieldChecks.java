package io.mdm.audit.access;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field violations of one incoming call so that the caller learns about every bad
 * field at once, one violation per field, instead of fixing them one round trip at a time.
 */
final class FieldChecks {

    private final List<FieldViolation> violations = new ArrayList<>();

    /**
     * A required free text whose length counts after stripping surrounding white space, so that
     * padding cannot make a too-short reason pass.
     *
     * @return the stripped text, or {@code null} when it is missing or blank
     */
    String requiredText(String field, String value, int minLength, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, FieldViolation.REQUIRED, "must not be blank");
            return null;
        }
        String stripped = value.strip();
        checkLength(field, stripped, minLength, maxLength);
        return stripped;
    }

    /** @return the stripped text, or {@code null} when it is missing or blank */
    String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        checkLength(field, stripped, 1, maxLength);
        return stripped;
    }

    /** @return the value, or {@code null} when it is missing */
    Integer requiredRange(String field, Integer value, int min, int max) {
        if (value == null) {
            add(field, FieldViolation.REQUIRED, "is required");
            return null;
        }
        checkRange(field, value, min, max);
        return value;
    }

    void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            add(field, FieldViolation.RANGE, "must be between " + min + " and " + max);
        }
    }

    /** @return whether the value is present */
    boolean require(String field, Object value) {
        if (value == null) {
            add(field, FieldViolation.REQUIRED, "is required");
            return false;
        }
        return true;
    }

    void add(String field, String rule, String message) {
        violations.add(new FieldViolation(field, rule, message));
    }

    /** Throws an {@link AccessRuleViolation.Kind#INVALID} violation when any check failed. */
    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw AccessRuleViolation.invalid(violations);
        }
    }

    private void checkLength(String field, String text, int minLength, int maxLength) {
        if (text.length() < minLength || text.length() > maxLength) {
            add(field, FieldViolation.LENGTH,
                    "must be between " + minLength + " and " + maxLength + " characters");
        }
    }
}
