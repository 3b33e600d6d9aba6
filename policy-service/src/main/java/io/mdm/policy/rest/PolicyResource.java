package io.mdm.policy.rest;

import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import io.mdm.policy.Policy;
import io.mdm.policy.domain.PolicyDraft;
import io.mdm.policy.domain.PrivacyGuardrails;
import io.mdm.policy.domain.SettingsValidator;
import io.mdm.policy.domain.Violation;
import io.mdm.policy.persistence.PolicyCursor;
import io.mdm.policy.persistence.PolicyRepository;
import io.mdm.policy.persistence.PolicyRepository.WriteOutcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Versioned policies for device admins. Every response that carries a policy has the ETag
 * {@code "<version>"}; PUT and DELETE honour {@code If-Match} with it.
 */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MDM_ADMIN)
@Tag(name = "Policies", description = "Versioned policies with privacy guardrails (mdm-admin only)")
public class PolicyResource {

    private static final String VERSION_PATTERN = "[1-9][0-9]{0,8}";

    private final PolicyRepository policies;
    private final CurrentCaller caller;
    private final Clock clock;
    private final SettingsValidator validator = new SettingsValidator();
    private final PrivacyGuardrails guardrails = new PrivacyGuardrails();

    public PolicyResource(PolicyRepository policies, CurrentCaller caller, Clock clock) {
        this.policies = policies;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Create a policy as version 1 and publish it")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag \"1\"")
    @APIResponse(responseCode = "400", description = "A field is missing, malformed, out of range or unknown")
    @APIResponse(responseCode = "422", description = "A privacy guardrail forbids the policy: one violation per field")
    public Response create(PolicyDraft body, @Context UriInfo uri) {
        PolicyDraft draft = checked(body);
        Policy policy = Policy.create(UUID.randomUUID().toString(), draft, caller.get().username(), now());
        policies.create(policy);
        return Response.created(uri.getAbsolutePathBuilder().path(policy.id()).build())
                .tag(entityTag(policy))
                .entity(PolicyView.of(policy))
                .build();
    }

    @GET
    @Operation(summary = "List policies (their latest versions) in creation order")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}; nextCursor is null on the last page")
    @APIResponse(responseCode = "400", description = "status is not ACTIVE or ARCHIVED, limit not in 1..500, or cursor unreadable")
    public PolicyPage list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor) {
        PolicyListQuery query = PolicyListQuery.parse(status, limit, cursor);
        PolicyRepository.Page page = policies.list(query.status(), query.limit(), query.after());
        return new PolicyPage(page.items().stream().map(PolicyView::of).toList(),
                page.next().map(PolicyCursor::encode).orElse(null));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The latest version of a policy")
    @APIResponse(responseCode = "200", description = "The policy, ETag \"<version>\"")
    @APIResponse(responseCode = "404", description = "No such policy")
    public Response get(@PathParam("id") String id) {
        return withTag(Response.ok(), policies.find(id).orElseThrow(PolicyResource::notFound));
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Operation(summary = "One version of a policy, with the policy's current status")
    @APIResponse(responseCode = "200", description = "The version, ETag \"<version>\"")
    @APIResponse(responseCode = "404", description = "No such policy or version")
    public Response version(@PathParam("id") String id, @PathParam("version") String version) {
        if (!version.matches(VERSION_PATTERN)) {
            throw ProblemException.notFound("That version of the policy");
        }
        return withTag(Response.ok(), policies.findVersion(id, Integer.parseInt(version))
                .orElseThrow(() -> ProblemException.notFound("That version of the policy")));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Store the body as the policy's next version and publish it; earlier versions stay readable")
    @APIResponse(responseCode = "200", description = "The new version, ETag \"<version>\"")
    @APIResponse(responseCode = "400", description = "A field is invalid, or If-Match is not a list of entity tags")
    @APIResponse(responseCode = "404", description = "No such policy")
    @APIResponse(responseCode = "409", description = "The policy is archived, or too many concurrent updates")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "422", description = "A privacy guardrail forbids the policy: one violation per field")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           PolicyDraft body) {
        IfMatch precondition = IfMatch.parse(ifMatch);
        PolicyDraft draft = checked(body);
        Policy revised = written(policies.revise(id, precondition::matches, draft, caller.get().username(), now()));
        return withTag(Response.ok(), revised);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Archive a policy: it stays readable and is no longer applied",
            description = "Archiving is final. Archiving an archived policy again is a 409, not a silent success, "
                    + "so that a client learns that someone else archived it.")
    @APIResponse(responseCode = "204", description = "Archived; ETag \"<version>\" of its last version")
    @APIResponse(responseCode = "404", description = "No such policy")
    @APIResponse(responseCode = "409", description = "The policy is archived already")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public Response archive(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        IfMatch precondition = IfMatch.parse(ifMatch);
        Policy archived = written(policies.archive(id, precondition::matches, caller.get().username(), now()));
        return Response.noContent().tag(entityTag(archived)).build();
    }

    /** Field rules first (400), then the privacy guardrails (422), each reporting every violation at once. */
    private PolicyDraft checked(PolicyDraft body) {
        if (body == null) {
            throw ProblemException.invalid("The request needs a policy as its JSON body.",
                    List.of(new Problem.Violation("body", "body-required", "send the policy as a JSON object")));
        }
        List<Violation> invalid = validator.validate(body);
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Some fields of the policy are invalid.", problemViolations(invalid));
        }
        List<Violation> privacy = guardrails.check(body);
        if (!privacy.isEmpty()) {
            throw ProblemException.ruleViolated("The policy would collect personal data from, or fully wipe, "
                    + "personal (BYOD) phones; the platform never does that.", problemViolations(privacy));
        }
        return body;
    }

    private static Policy written(WriteOutcome outcome) {
        return switch (outcome) {
            case WriteOutcome.Written written -> written.policy();
            case WriteOutcome.NotFound notFound -> throw notFound();
            case WriteOutcome.Archived archived -> throw ProblemException.conflict(
                    "The policy is archived; an archived policy is never changed. Create a new policy instead.");
            case WriteOutcome.VersionMismatch mismatch -> throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The policy is at version " + mismatch.current().version()
                            + ", which If-Match does not name; read it again and decide anew.");
            case WriteOutcome.Contended contended -> throw ProblemException.conflict(
                    "The policy is being changed by others at this moment; read it again and retry.");
        };
    }

    private static List<Problem.Violation> problemViolations(List<Violation> violations) {
        return violations.stream().map(v -> new Problem.Violation(v.field(), v.rule(), v.message())).toList();
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("The policy");
    }

    private static Response withTag(Response.ResponseBuilder response, Policy policy) {
        return response.tag(entityTag(policy)).entity(PolicyView.of(policy)).build();
    }

    private static EntityTag entityTag(Policy policy) {
        return new EntityTag(Integer.toString(policy.version()));
    }

    /** Milliseconds, as MongoDB keeps them, so an answer shows what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
