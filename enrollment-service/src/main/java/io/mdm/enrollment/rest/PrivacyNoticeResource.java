package io.mdm.enrollment.rest;

import io.mdm.enrollment.Ownership;
import io.mdm.enrollment.PrivacyNotice;
import io.mdm.enrollment.persistence.PrivacyNoticeRepository;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Path("/api/v1/privacy-notices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrivacyNoticeResource {

    private final PrivacyNoticeRepository notices;
    private final CurrentCaller caller;
    private final Clock clock;

    public PrivacyNoticeResource(PrivacyNoticeRepository notices, CurrentCaller caller, Clock clock) {
        this.notices = notices;
        this.caller = caller;
        this.clock = clock;
    }

    public record PrivacyNoticeView(String ownership, int version, String text, List<String> employerCanSee,
                                    List<String> employerCannotSee, Instant publishedAt) {
        static PrivacyNoticeView of(PrivacyNotice notice) {
            return new PrivacyNoticeView(notice.ownership().name(), notice.version(), notice.text(),
                    notice.employerCanSee(), notice.employerCannotSee(), notice.publishedAt());
        }
    }

    public record NewPrivacyNotice(
            @NotBlank @Size(max = 20_000) String text,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 500) String> employerCanSee,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 500) String> employerCannotSee) {
    }

    /** The current notice; anyone may read it, a phone before enrolling included. */
    @GET
    @Path("/{ownership}")
    @PermitAll
    public PrivacyNoticeView current(@PathParam("ownership") String ownership) {
        return PrivacyNoticeView.of(notices.current(parse(ownership))
                .orElseThrow(() -> ProblemException.notFound("The privacy notice for " + ownership)));
    }

    /** Publishes a new version; enrollments that accepted an older one are refused from now on. */
    @PUT
    @Path("/{ownership}")
    @RolesAllowed(Roles.MDM_ADMIN)
    public Response publish(@PathParam("ownership") String ownership, @NotNull @Valid NewPrivacyNotice body,
                            @Context UriInfo uri) {
        Ownership owner = parse(ownership);
        PrivacyNotice current = notices.current(owner)
                .orElseThrow(() -> ProblemException.notFound("The privacy notice for " + ownership));
        PrivacyNotice next = current.next(body.text(), body.employerCanSee(), body.employerCannotSee(),
                clock.instant(), caller.get().username());
        if (!notices.insert(next)) {
            throw ProblemException.conflict("Version " + next.version() + " was published by someone else "
                    + "at the same time; read the current notice and try again.");
        }
        return Response.created(uri.getRequestUri()).entity(PrivacyNoticeView.of(next)).build();
    }

    private static Ownership parse(String ownership) {
        return Ownership.parse(ownership).orElseThrow(
                () -> ProblemException.notFound("A privacy notice for ownership '" + ownership + "' (use BYOD or CORPORATE)"));
    }
}
