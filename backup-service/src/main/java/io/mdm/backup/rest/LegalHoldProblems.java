package io.mdm.backup.rest;

import io.mdm.backup.InvalidLegalHoldException;
import io.mdm.backup.LegalHoldAlreadyReleasedException;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemMappers;
import io.mdm.platform.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The legal-hold rules of the domain, answered as problems (the platform maps everything else). */
public class LegalHoldProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidLegalHoldException e) {
        return ProblemMappers.respond(Problem.of(ProblemType.VALIDATION_FAILED, "Some fields are invalid.",
                e.violations().stream()
                        .map(v -> new Problem.Violation(v.field(), v.rule(), v.message()))
                        .toList()));
    }

    @ServerExceptionMapper
    public Response alreadyReleased(LegalHoldAlreadyReleasedException e) {
        return ProblemMappers.respond(Problem.of(ProblemType.CONFLICT,
                "This legal hold was already released at " + e.releasedAt() + "; a hold is released once."));
    }
}
