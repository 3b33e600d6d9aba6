package io.mdm.backup.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mdm.backup.LegalHold;
import io.mdm.backup.LegalHoldAlreadyReleasedException;
import io.mdm.backup.persistence.HoldCursor;
import io.mdm.backup.persistence.LegalHoldRepository;
import io.mdm.backup.persistence.LegalHoldRepository.Page;
import io.mdm.backup.persistence.LegalHoldRepository.Placement;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Legal holds: compliance officers place and release them; retention and shredding obey them. */
@Path("/api/v1/legal-holds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
@Tag(name = "Legal holds", description = "While a hold is active, nothing of the employees it names is purged or "
        + "crypto-shredded. Compliance officers only.")
public class LegalHoldResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    // Printable ASCII without spaces at either end, as the IETF Idempotency-Key draft expects of a key.
    private static final Pattern KEY = Pattern.compile("[!-~]([ -~]{0,253}[!-~])?");

    private final LegalHoldRepository holds;
    private final CurrentCaller caller;
    private final Clock clock;

    public LegalHoldResource(LegalHoldRepository holds, CurrentCaller caller, Clock clock) {
        this.holds = holds;
        this.caller = caller;
        this.clock = clock;
    }

    public record NewLegalHold(List<String> employeeIds, String caseReference, String reason) {
    }

    public record Release(String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LegalHoldView(String id, LegalHold.Status status, List<String> employeeIds, String caseReference,
                                String reason, String placedBy, Instant placedAt, String releasedBy,
                                Instant releasedAt, String releaseReason) {
        static LegalHoldView of(LegalHold hold) {
            return new LegalHoldView(hold.id(), hold.status(), hold.employeeIds(), hold.caseReference(),
                    hold.reason(), hold.placedBy(), hold.placedAt(), hold.releasedBy(), hold.releasedAt(),
                    hold.releaseReason());
        }
    }

    public record LegalHoldList(List<LegalHoldView> items, String nextCursor) {
    }

    @POST
    @Operation(summary = "Place a legal hold",
            description = "Places an active hold on 1 to 100 employees: from now on retention purges nothing of "
                    + "theirs and their data key cannot be destroyed. Emits mdm.backup.legal-hold-placed (without "
                    + "the reason). Idempotent with an Idempotency-Key header: the same key sent again by the same "
                    + "user answers 200 with the hold the first request created (its current state) and places no "
                    + "second hold; the same key with a different body is refused with 422. Without the header, "
                    + "every request places a new hold.")
    @APIResponse(responseCode = "201", description = "Placed; Location names the new hold")
    @APIResponse(responseCode = "200", description = "A repeated Idempotency-Key: the hold placed before; "
            + "Content-Location names it")
    @APIResponse(responseCode = "400", description = "Malformed JSON or broken field rules, named in violations")
    @APIResponse(responseCode = "403", description = "The caller is not a compliance officer")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before for a different request")
    public Response place(
            @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = false,
                    description = "Optional, 1 to 255 printable ASCII characters chosen by the client (a UUID is a "
                            + "good choice). Scoped to the user who sends it and kept as long as the hold.",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255))
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            NewLegalHold body, @Context UriInfo uri) {
        if (body == null) {
            throw missingBody();
        }
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalid("The Idempotency-Key header is invalid.", List.of(new Problem.Violation(
                    IDEMPOTENCY_KEY, "format", "must be 1 to 255 printable ASCII characters")));
        }
        LegalHold hold = LegalHold.place(UUID.randomUUID().toString(), body.employeeIds(), body.caseReference(),
                body.reason(), caller.get().username(), now());
        URI location = uri.getAbsolutePathBuilder().path(hold.id()).build();
        if (idempotencyKey == null) {
            holds.place(hold);
            return Response.created(location).entity(LegalHoldView.of(hold)).build();
        }
        Placement placement = holds.placeOnce(hold, idempotencyKey);
        if (placement.created()) {
            return Response.created(location).entity(LegalHoldView.of(hold)).build();
        }
        LegalHold earlier = placement.hold();
        if (!earlier.hasTerms(body.employeeIds(), body.caseReference(), body.reason())) {
            throw ProblemException.ruleViolated("This Idempotency-Key was used before for a different request; "
                    + "use a new key for a new hold.", List.of(new Problem.Violation(IDEMPOTENCY_KEY, "reused",
                    "was sent before with other employeeIds, caseReference or reason")));
        }
        return Response.ok(LegalHoldView.of(earlier))
                .header(HttpHeaders.CONTENT_LOCATION, uri.getAbsolutePathBuilder().path(earlier.id()).build())
                .build();
    }

    @GET
    @Operation(summary = "List legal holds",
            description = "Newest first. Filters: employeeId (holds naming that employee) and status (ACTIVE or "
                    + "RELEASED). limit 1 to 500, default 50; pass nextCursor as cursor for the next page; "
                    + "nextCursor is null on the last page.")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    @APIResponse(responseCode = "400", description = "A bad employeeId, status, limit or cursor")
    public LegalHoldList list(@QueryParam("employeeId") String employeeId, @QueryParam("status") String status,
                              @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (employeeId != null && !LegalHold.isEmployeeId(employeeId)) {
            violations.add(new Problem.Violation("employeeId", "format",
                    "must be 1 to 64 letters, digits, dots, underscores or hyphens"));
        }
        Optional<LegalHold.Status> wantedStatus = parseStatus(status, violations);
        int pageSize = parseLimit(limit, violations);
        Optional<HoldCursor> after = parseCursor(cursor, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Some query parameters are invalid.", violations);
        }
        Page page = holds.list(Optional.ofNullable(employeeId), wantedStatus, pageSize, after);
        return new LegalHoldList(page.items().stream().map(LegalHoldView::of).toList(),
                page.next().map(HoldCursor::token).orElse(null));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one legal hold")
    @APIResponse(responseCode = "200", description = "The hold")
    @APIResponse(responseCode = "404", description = "No such hold")
    public LegalHoldView get(@PathParam("id") String id) {
        return LegalHoldView.of(holds.find(id).orElseThrow(LegalHoldResource::notFound));
    }

    @POST
    @Path("/{id}/release")
    @Operation(summary = "Release a legal hold",
            description = "Ends the hold; employees no other active hold names fall under retention again. Emits "
                    + "mdm.backup.legal-hold-released (without the reason). A hold is released once: a second "
                    + "release, also a concurrent one, is answered 409.")
    @APIResponse(responseCode = "200", description = "Released")
    @APIResponse(responseCode = "400", description = "Malformed JSON or a missing, short or long reason")
    @APIResponse(responseCode = "404", description = "No such hold")
    @APIResponse(responseCode = "409", description = "Already released")
    public LegalHoldView release(@PathParam("id") String id, Release body) {
        if (body == null) {
            throw missingBody();
        }
        LegalHold hold = holds.find(id).orElseThrow(LegalHoldResource::notFound);
        LegalHold released = hold.release(caller.get().username(), body.reason(), now());
        if (!holds.release(released)) {
            LegalHold winner = holds.find(id).orElseThrow(LegalHoldResource::notFound);
            throw new LegalHoldAlreadyReleasedException(id, winner.releasedAt());
        }
        return LegalHoldView.of(released);
    }

    /** MongoDB keeps milliseconds; answering with the stored precision makes every read of a hold alike. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Optional<LegalHold.Status> parseStatus(String status, List<Problem.Violation> violations) {
        if (status == null) {
            return Optional.empty();
        }
        for (LegalHold.Status s : LegalHold.Status.values()) {
            if (s.name().equals(status)) {
                return Optional.of(s);
            }
        }
        violations.add(new Problem.Violation("status", "format", "must be ACTIVE or RELEASED"));
        return Optional.empty();
    }

    private static int parseLimit(String limit, List<Problem.Violation> violations) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below like any other out-of-range value.
        }
        violations.add(new Problem.Violation("limit", "range", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static Optional<HoldCursor> parseCursor(String cursor, List<Problem.Violation> violations) {
        if (cursor == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(HoldCursor.parse(cursor));
        } catch (IllegalArgumentException e) {
            violations.add(new Problem.Violation("cursor", "format", "must be a nextCursor of an earlier page"));
            return Optional.empty();
        }
    }

    /** Does not repeat the id: a path segment is caller input. */
    private static ProblemException notFound() {
        return ProblemException.notFound("The legal hold");
    }

    private static ProblemException missingBody() {
        return ProblemException.invalid("A JSON body is required.",
                List.of(new Problem.Violation("body", "required", "must be a JSON object")));
    }
}
