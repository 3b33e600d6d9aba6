package io.mdm.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem: {@code {type, title, status, detail}}, plus {@code violations} when a
 * request breaks field or business rules. It never carries a stack trace, a secret or input
 * values, only field names and rule descriptions.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:mdm:problem:";

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** One broken rule: which field (a JSON path such as {@code settings.passcode.minLength}), which rule, why. */
    public record Violation(String field, String rule, String message) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(TYPE_PREFIX + type.slug(), type.title(), type.status(), detail, List.of());
    }

    public static Problem of(ProblemType type, String detail, List<Violation> violations) {
        return new Problem(TYPE_PREFIX + type.slug(), type.title(), type.status(), detail, violations);
    }
}
