package io.mdm.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error of every service becomes an RFC 9457 problem here, in one place. Messages say
 * which field and rule failed, never the offending value (it may be a token or chat content)
 * and never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mdm\"");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return respond(Problem.of(ProblemType.UNAUTHENTICATED, "A valid bearer token is required."));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(Problem.of(ProblemType.UNAUTHENTICATED, "A valid bearer token is required."));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this operation."));
    }

    @ServerExceptionMapper
    public Response unreadableField(MismatchedInputException e) {
        String field = path(e);
        String detail = e instanceof UnrecognizedPropertyException
                ? "The request has a field that this operation does not accept."
                : "A field has the wrong type or shape.";
        String rule = e instanceof UnrecognizedPropertyException ? "unknown-field"
                : e instanceof InvalidFormatException ? "type" : "shape";
        return respond(Problem.of(ProblemType.VALIDATION_FAILED, detail,
                List.of(new Problem.Violation(field, rule, detail))));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON."));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(ProblemMappers::violation)
                .sorted(java.util.Comparator.comparing(Problem.Violation::field))
                .collect(Collectors.toList());
        return respond(Problem.of(ProblemType.VALIDATION_FAILED, "Some fields are invalid.", violations));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatched ? unreadableField(mismatched) : malformedJson(json);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 400 -> "The request could not be read.";
            case 404 -> "There is no such resource.";
            case 405 -> "This resource does not support that method.";
            case 406 -> "This resource answers application/json only.";
            case 413 -> "The request body is larger than this operation accepts.";
            case 415 -> "Send application/json.";
            default -> type.title() + ".";
        };
        return respond(new Problem("urn:mdm:problem:" + type.slug(), type.title(), status, detail, List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return respond(Problem.of(ProblemType.INTERNAL, "An unexpected error occurred; incident " + incident + "."));
    }

    private static Problem.Violation violation(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // Method-parameter paths look like "create.request.name": keep the part after the parameter.
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        String rule = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new Problem.Violation(field, rule.substring(0, 1).toLowerCase() + rule.substring(1), v.getMessage());
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
