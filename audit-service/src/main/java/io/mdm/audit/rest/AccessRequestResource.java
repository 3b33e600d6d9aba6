package io.mdm.audit.rest;

import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessRules;
import io.mdm.audit.access.Caller;
import io.mdm.audit.expiry.AccessRequestExpiry;
import io.mdm.audit.persistence.AccessRequestPage;
import io.mdm.audit.persistence.AccessRequestQuery;
import io.mdm.audit.persistence.AccessRequestRepository;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The four-eyes flow over HTTP: file, list, read, approve, reject, revoke. The roles here only
 * open the door; who exactly may do what (not the requester, not the subject) is decided by
 * {@link AccessRequest}, whose refusals {@link AccessRuleViolationMapper} answers.
 */
@Path("/api/v1/access-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessRequestResource {

    private final AccessRequestRepository requests;
    private final AccessRequestExpiry expiry;
    private final CurrentAccessCaller callers;
    private final AccessRules rules;
    private final Clock clock;

    public AccessRequestResource(AccessRequestRepository requests, AccessRequestExpiry expiry,
                                 CurrentAccessCaller callers, AccessRules rules, Clock clock) {
        this.requests = requests;
        this.expiry = expiry;
        this.callers = callers;
        this.rules = rules;
        // Stored instants keep milliseconds; ticking by them makes every answer match what is stored.
        this.clock = Clock.tick(clock, Duration.ofMillis(1));
    }

    @POST
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    public Response file(@NotNull AccessRequestBodies.NewRequest body, @Context UriInfo uri) {
        AccessRequest filed = AccessRequest.file(UUID.randomUUID().toString(), callers.get(),
                body.toNewAccessRequest(), rules, clock.instant());
        requests.insert(filed);
        return Response.created(uri.getAbsolutePathBuilder().path(filed.id()).build())
                .entity(AccessRequestView.of(filed)).build();
    }

    /** Compliance officers see their own requests, privacy officers all; nobody sees those about themselves. */
    @GET
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.PRIVACY_OFFICER})
    public AccessRequestList list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                  @QueryParam("cursor") String cursor) {
        ListParameters parameters = ListParameters.parse(status, limit, cursor);
        Caller caller = callers.get();
        Instant now = clock.instant();
        // AccessRequest.visibleTo as a query, so that pages are full; it still checks every item below.
        AccessRequestPage page = requests.page(new AccessRequestQuery(
                caller.isPrivacyOfficer() ? null : caller.username(), caller.employeeId(), parameters.status(),
                now, parameters.after(), parameters.limit()));
        List<AccessRequestView> items = page.items().stream()
                .filter(request -> request.visibleTo(caller))
                .map(request -> AccessRequestView.of(request.expireIfUndecided(now)))
                .toList();
        return new AccessRequestList(items, page.next() == null ? null : page.next().encode());
    }

    /** 404 also when the caller may not see the request, so that its existence does not leak. */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.PRIVACY_OFFICER})
    public AccessRequestView get(@PathParam("id") String id) {
        Caller caller = callers.get();
        AccessRequest request = requests.find(id).filter(found -> found.visibleTo(caller))
                .orElseThrow(AccessRequestResource::notFound);
        return AccessRequestView.of(expiry.current(request));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public AccessRequestView approve(@PathParam("id") String id, @NotNull AccessRequestBodies.Approval body) {
        return change(id, (request, caller, now) -> request.approve(caller, body.comment(),
                body.notifySubjectAfterDays(), body.delayReason(), UUID.randomUUID().toString(), rules, now));
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public AccessRequestView reject(@PathParam("id") String id, @NotNull AccessRequestBodies.Comment body) {
        return change(id, (request, caller, now) -> request.reject(caller, body.comment(), now));
    }

    /** The requester or any privacy officer; the domain refuses everyone else, the subject included. */
    @POST
    @Path("/{id}/revoke")
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.PRIVACY_OFFICER})
    public AccessRequestView revoke(@PathParam("id") String id, @NotNull AccessRequestBodies.Comment body) {
        return change(id, (request, caller, now) -> request.revoke(caller, body.comment(), now));
    }

    /** One transition of the stored request, written only if nobody changed it since it was read. */
    private AccessRequestView change(String id, Transition transition) {
        AccessRequest loaded = requests.find(id).orElseThrow(AccessRequestResource::notFound);
        AccessRequest changed = transition.apply(loaded, callers.get(), clock.instant());
        if (!requests.store(changed)) {
            throw ProblemException.conflict("The access request was changed concurrently; reload it and try again.");
        }
        return AccessRequestView.of(changed);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("The access request");
    }

    @FunctionalInterface
    private interface Transition {
        AccessRequest apply(AccessRequest request, Caller caller, Instant now);
    }
}
