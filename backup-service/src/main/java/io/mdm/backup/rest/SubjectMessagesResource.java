package io.mdm.backup.rest;

import io.mdm.backup.LegalHold;
import io.mdm.backup.persistence.MessageRepository.Position;
import io.mdm.backup.read.ReadCursor;
import io.mdm.backup.read.ReadPage;
import io.mdm.backup.read.ReadScope;
import io.mdm.backup.read.SubjectMessageReader;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decrypted messages of one employee, each call authorized by the audit-service under a grant. */
@Path("/api/v1/backup/subjects/{employeeId}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Backup subjects")
public class SubjectMessagesResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String BEARER = "Bearer ";

    private final SubjectMessageReader reader;

    public SubjectMessagesResource(SubjectMessageReader reader) {
        this.reader = reader;
    }

    @GET
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    @Operation(summary = "Read an employee's messages under an access grant",
            description = "Decrypted messages sent in [from, to) (RFC 3339), optionally of one conversation, oldest "
                    + "first, with deletedOnDeviceAt. Before anything is loaded the audit-service decides this call "
                    + "(AuthorizeRead with the caller's own token and this exact scope) and records it; every page "
                    + "is one read of the grant. nextCursor continues the same scope (same from, to, conversationId); "
                    + "limit 1 to 500, default 50.")
    @APIResponse(responseCode = "200", description = "{items, nextCursor, remainingReads}")
    @APIResponse(responseCode = "400", description = "Missing grantId, from or to; a bad time, range, limit or cursor")
    @APIResponse(responseCode = "403", description = "Not a compliance officer, or the audit-service refused the "
            + "read (the detail names why)")
    @APIResponse(responseCode = "410", description = "The employee's data key was destroyed (crypto-shredded)")
    @APIResponse(responseCode = "422", description = "A stored message failed its integrity check; nothing returned")
    @APIResponse(responseCode = "503", description = "The audit-service cannot decide now; nothing was decrypted")
    public ReadPage messages(@PathParam("employeeId") String employeeId, @QueryParam("grantId") String grantId,
                             @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("conversationId") String conversationId, @QueryParam("limit") String limit,
                             @QueryParam("cursor") String cursor,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (!LegalHold.isEmployeeId(employeeId)) {
            violations.add(new Problem.Violation("employeeId", "format",
                    "must be 1 to 64 letters, digits, dots, underscores or hyphens"));
        }
        if (grantId == null || grantId.isBlank()) {
            violations.add(new Problem.Violation("grantId", "required", "must be present and not blank"));
        }
        Instant start = instant("from", from, violations);
        Instant end = instant("to", to, violations);
        if (start != null && end != null && !start.isBefore(end)) {
            violations.add(new Problem.Violation("to", "range", "must be after from"));
        }
        if (conversationId != null && conversationId.isBlank()) {
            violations.add(new Problem.Violation("conversationId", "blank", "must not be blank when present"));
        }
        int pageSize = limit(limit, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The read request is invalid.", violations);
        }
        ReadScope scope = new ReadScope(employeeId, start, end, Optional.ofNullable(conversationId));
        Optional<Position> after;
        try {
            after = Optional.ofNullable(cursor).map(c -> ReadCursor.decode(c, scope));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("The cursor is invalid.", List.of(new Problem.Violation("cursor", "format",
                    "must be a nextCursor of a read with the same employee, from, to and conversationId")));
        }
        // The role check has authenticated the request, so it carries a bearer token.
        String callerToken = authorization.substring(BEARER.length()).trim();
        return reader.read(grantId, scope, after, pageSize, callerToken);
    }

    private static Instant instant(String field, String value, List<Problem.Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Problem.Violation(field, "required", "must be an RFC 3339 time"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(field, "format", "must be an RFC 3339 time"));
            return null;
        }
    }

    private static int limit(String value, List<Problem.Violation> violations) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below like an out-of-range number.
        }
        violations.add(new Problem.Violation("limit", "range", "must be 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }
}
