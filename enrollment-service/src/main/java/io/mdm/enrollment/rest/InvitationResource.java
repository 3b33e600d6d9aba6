package io.mdm.enrollment.rest;

import io.mdm.enrollment.Invitation;
import io.mdm.enrollment.Ownership;
import io.mdm.enrollment.Secrets;
import io.mdm.enrollment.persistence.InvitationRepository;
import io.mdm.platform.paging.Page;
import io.mdm.platform.paging.PageCursor;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MDM_ADMIN)
public class InvitationResource {

    static final String EMPLOYEE_ID = "^[A-Za-z0-9._-]{1,64}$";

    private final InvitationRepository invitations;
    private final CurrentCaller caller;
    private final Clock clock;

    public InvitationResource(InvitationRepository invitations, CurrentCaller caller, Clock clock) {
        this.invitations = invitations;
        this.caller = caller;
        this.clock = clock;
    }

    public record NewInvitation(@NotNull @Pattern(regexp = EMPLOYEE_ID) String employeeId,
                                @NotNull Ownership ownership,
                                @Min(1) @Max(Invitation.MAX_VALID_HOURS) Integer validHours) {
    }

    /** The only answer that ever carries the token. */
    public record IssuedInvitation(String id, String employeeId, Ownership ownership, String token, Instant expiresAt) {
    }

    public record InvitationView(String id, String employeeId, Ownership ownership, Invitation.Status status,
                                 Instant createdAt, Instant expiresAt, String createdBy, Instant usedAt,
                                 String deviceId, Instant revokedAt) {
        static InvitationView of(Invitation i, Instant now) {
            return new InvitationView(i.id(), i.employeeId(), i.ownership(), i.statusAt(now), i.createdAt(),
                    i.expiresAt(), i.createdBy(), i.usedAt(), i.deviceId(), i.revokedAt());
        }
    }

    @POST
    public Response invite(@NotNull @Valid NewInvitation body) {
        String token = Secrets.newSecret();
        Invitation invitation = Invitation.issue(UUID.randomUUID().toString(), body.employeeId(), body.ownership(),
                Secrets.hash(token), body.validHours() == null ? Invitation.DEFAULT_VALID_HOURS : body.validHours(),
                clock.instant(), caller.get().username());
        invitations.insert(invitation);
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedInvitation(invitation.id(), invitation.employeeId(), invitation.ownership(), token,
                        invitation.expiresAt()))
                .build();
    }

    @GET
    public Page<InvitationView> list(@QueryParam("employeeId") String employeeId, @QueryParam("status") Invitation.Status status,
                                     @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        Instant now = clock.instant();
        return Page.of(invitations.list(Optional.ofNullable(employeeId), Optional.ofNullable(status), now,
                        Page.cursor(cursor), size + 1), size,
                i -> new PageCursor(i.createdAt(), i.id()), i -> InvitationView.of(i, now));
    }

    /** Revokes a pending invitation. Revoking twice is fine; a used invitation cannot be revoked. */
    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        invitations.byId(id).orElseThrow(() -> ProblemException.notFound("Invitation " + id));
        if (!invitations.revoke(id, caller.get().username(), clock.instant())) {
            if (invitations.byId(id).orElseThrow().status() == Invitation.Status.USED) {
                throw ProblemException.conflict("The invitation was already used to enroll a device; unenroll the device instead.");
            }
        }
        return Response.noContent().build();
    }
}
