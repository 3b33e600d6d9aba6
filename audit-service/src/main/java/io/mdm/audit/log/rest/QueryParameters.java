package io.mdm.audit.log.rest;

import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads query parameters given as text, collecting one violation per bad parameter, so that a
 * bad value is a 400 naming it rather than JAX-RS' 404 for an unconvertible parameter.
 */
final class QueryParameters {

    private final List<Problem.Violation> violations = new ArrayList<>();

    /** A whole number in {@code [min, max]}; {@code fallback} when absent, or a violation when that is null. */
    Long number(String name, String text, long min, long max, Long fallback) {
        if (text == null || text.isBlank()) {
            if (fallback == null) {
                violations.add(new Problem.Violation(name, "required", "is required"));
            }
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        violations.add(new Problem.Violation(name, "range", "must be a whole number between " + min + " and " + max));
        return fallback;
    }

    /** Text of at most {@code maxLength} characters; null when absent. */
    String text(String name, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > maxLength) {
            violations.add(new Problem.Violation(name, "length", "must be at most " + maxLength + " characters"));
            return null;
        }
        return text;
    }

    /** Adds a violation of a rule between parameters. */
    void violation(String name, String rule, String message) {
        violations.add(new Problem.Violation(name, rule, message));
    }

    boolean hasViolations() {
        return !violations.isEmpty();
    }

    /** @throws ProblemException 400 with every violation found so far */
    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Some query parameters are invalid.", List.copyOf(violations));
        }
    }
}
