package io.mdm.enrollment.rest;

import io.mdm.enrollment.Device;
import io.mdm.enrollment.EnrollmentDecision;
import io.mdm.enrollment.Invitation;
import io.mdm.enrollment.Ownership;
import io.mdm.enrollment.PrivacyNotice;
import io.mdm.enrollment.Secrets;
import io.mdm.enrollment.persistence.DeviceRepository;
import io.mdm.enrollment.persistence.InvitationRepository;
import io.mdm.enrollment.persistence.PrivacyNoticeRepository;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The phone's first call: it holds only the invitation token, so this endpoint is public. */
@Path("/api/v1/enrollments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    private final InvitationRepository invitations;
    private final DeviceRepository devices;
    private final PrivacyNoticeRepository notices;
    private final Clock clock;

    public EnrollmentResource(InvitationRepository invitations, DeviceRepository devices,
                              PrivacyNoticeRepository notices, Clock clock) {
        this.invitations = invitations;
        this.devices = devices;
        this.notices = notices;
        this.clock = clock;
    }

    public record EnrollmentRequest(@NotBlank @Size(max = 200) String invitationToken,
                                    @NotNull Device.Platform platform,
                                    @NotNull @Pattern(regexp = "^\\d{1,3}(\\.\\d{1,4}){0,3}$") String osVersion,
                                    @NotBlank @Size(max = 100) String model,
                                    @NotBlank @Size(max = 50) String agentVersion,
                                    @NotNull @Min(1) Integer acceptedNoticeVersion,
                                    @NotNull Boolean consent) {
    }

    /** The device secret appears here once; only its hash is kept. */
    public record Enrolled(String deviceId, String deviceSecret, String employeeId, Ownership ownership) {
    }

    @POST
    @PermitAll
    public Response enroll(@NotNull @Valid EnrollmentRequest body) {
        Instant now = clock.instant();
        Optional<Invitation> invitation = invitations.byTokenHash(Secrets.hash(body.invitationToken()));
        int currentNotice = invitation.flatMap(i -> notices.current(i.ownership())).map(PrivacyNotice::version).orElse(0);
        EnrollmentDecision.Outcome outcome = EnrollmentDecision.decide(invitation, body.consent(),
                body.acceptedNoticeVersion(), currentNotice, now);
        refuseUnless(outcome, currentNotice);

        Invitation accepted = invitation.orElseThrow();
        String deviceId = UUID.randomUUID().toString();
        if (!invitations.consume(accepted.id(), deviceId, now)) {
            // Another enrollment with the same token won the race, or it expired this instant.
            throw new ProblemException(ProblemType.GONE, "This invitation was used, revoked or has expired.");
        }
        String secret = Secrets.newSecret();
        Device device = new Device(deviceId, accepted.employeeId(), accepted.ownership(), body.platform(),
                body.osVersion(), body.model(), body.agentVersion(), Device.Status.ACTIVE, now, currentNotice,
                Secrets.hash(secret), null);
        devices.insertEnrollment(device, accepted.id(), now);
        return Response.status(Response.Status.CREATED)
                .entity(new Enrolled(deviceId, secret, device.employeeId(), device.ownership()))
                .build();
    }

    private static void refuseUnless(EnrollmentDecision.Outcome outcome, int currentNotice) {
        switch (outcome) {
            case ACCEPTED -> {
            }
            case UNKNOWN_TOKEN -> throw new ProblemException(ProblemType.UNAUTHENTICATED,
                    "The invitation token is not valid.");
            case INVITATION_USED -> throw new ProblemException(ProblemType.GONE, "This invitation was already used.");
            case INVITATION_EXPIRED -> throw new ProblemException(ProblemType.GONE, "This invitation has expired.");
            case INVITATION_REVOKED -> throw new ProblemException(ProblemType.GONE, "This invitation was revoked.");
            case CONSENT_MISSING -> throw ProblemException.ruleViolated(
                    "Enrollment needs the employee's consent to the privacy notice.",
                    List.of(new Problem.Violation("consent", "consent-required",
                            "The employee must accept the privacy notice to enroll.")));
            case NOTICE_OUTDATED -> throw ProblemException.ruleViolated(
                    "The accepted privacy notice is not the current one; show version " + currentNotice + " and ask again.",
                    List.of(new Problem.Violation("acceptedNoticeVersion", "current-notice-required",
                            "The current privacy notice version is " + currentNotice + ".")));
        }
    }
}
