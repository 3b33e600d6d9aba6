package io.mdm.platform.problem;

import java.util.List;

/** Thrown by resources and adapters to answer with a problem; mapped in one place. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public ProblemException(ProblemType type, String detail, List<Problem.Violation> violations) {
        this(Problem.of(type, detail, violations));
    }

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " was not found.");
    }

    public static ProblemException forbidden(String why) {
        return new ProblemException(ProblemType.FORBIDDEN, why);
    }

    public static ProblemException conflict(String why) {
        return new ProblemException(ProblemType.CONFLICT, why);
    }

    public static ProblemException invalid(String detail, List<Problem.Violation> violations) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, violations);
    }

    public static ProblemException ruleViolated(String detail, List<Problem.Violation> violations) {
        return new ProblemException(ProblemType.RULE_VIOLATED, detail, violations);
    }
}
