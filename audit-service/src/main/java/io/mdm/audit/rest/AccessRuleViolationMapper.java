package io.mdm.audit.rest;

import io.mdm.audit.access.AccessRuleViolation;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemMappers;
import io.mdm.platform.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Answers every refusal of the four-eyes domain as a problem, for all endpoints at once. */
public class AccessRuleViolationMapper {

    @ServerExceptionMapper
    public Response toResponse(AccessRuleViolation violation) {
        return ProblemMappers.respond(toProblem(violation).problem());
    }

    /** The problem of a domain refusal: its HTTP status, its message and one violation per bad field. */
    static ProblemException toProblem(AccessRuleViolation violation) {
        ProblemType type = switch (violation.kind()) {
            case INVALID -> ProblemType.VALIDATION_FAILED;
            case FORBIDDEN -> ProblemType.FORBIDDEN;
            case CONFLICT -> ProblemType.CONFLICT;
            case UNPROCESSABLE -> ProblemType.RULE_VIOLATED;
        };
        List<Problem.Violation> violations = violation.violations().stream()
                .map(field -> new Problem.Violation(field.field(), field.rule(), field.message()))
                .toList();
        return new ProblemException(type, violation.getMessage(), violations);
    }
}
