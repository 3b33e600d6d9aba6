package io.mdm.policy.rest;

import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import io.mdm.platform.security.Caller;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import io.mdm.policy.Device;
import io.mdm.policy.DeviceCatalog;
import io.mdm.policy.DeviceCompliance;
import io.mdm.policy.EffectivePolicies;
import io.mdm.policy.EffectivePolicy;
import io.mdm.policy.domain.ComplianceEvaluator;
import io.mdm.policy.domain.ComplianceResult;
import io.mdm.policy.grpc.client.DirectoryUnavailableException;
import io.mdm.policy.persistence.ComplianceRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A device's effective policy and compliance.
 *
 * <p>Who may read: the device itself (its device token), an mdm-admin, and the employee the
 * device belongs to. Another device's token is refused (403); an employee asking about a device
 * that is not hers learns nothing about it (404, as the enrollment-service answers), whether it
 * exists or not. A retired device's effective policy stays readable, by all three, for the record.
 */
@Path("/api/v1/devices/{deviceId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Devices", description = "Effective policy and compliance of a device")
public class DevicePolicyResource {

    private final DeviceCatalog devices;
    private final EffectivePolicies effectivePolicies;
    private final ComplianceRepository compliance;
    private final CurrentCaller caller;
    private final Clock clock;
    private final ComplianceEvaluator evaluator = new ComplianceEvaluator();

    public DevicePolicyResource(DeviceCatalog devices, EffectivePolicies effectivePolicies,
                                ComplianceRepository compliance, CurrentCaller caller, Clock clock) {
        this.devices = devices;
        this.effectivePolicies = effectivePolicies;
        this.compliance = compliance;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/effective-policy")
    @RolesAllowed({Roles.DEVICE, Roles.MDM_ADMIN, Roles.EMPLOYEE})
    @Operation(summary = "The merge of every active policy that targets the device, computed now")
    @APIResponse(responseCode = "200", description = "{deviceId, ownership, settings, sources: [{policyId, version}]}; "
            + "settings is {} when no policy applies")
    @APIResponse(responseCode = "403", description = "Another device's token, or a role that may not read devices")
    @APIResponse(responseCode = "404", description = "No such device, or not the calling employee's")
    @APIResponse(responseCode = "503", description = "The device is new here and the enrollment directory cannot be asked")
    public EffectivePolicy effectivePolicy(@PathParam("deviceId") String deviceId) {
        return effectivePolicies.of(readable(caller.get(), deviceId));
    }

    @POST
    @Path("/compliance-reports")
    @RolesAllowed(Roles.DEVICE)
    @Operation(summary = "The device reports its work-profile state; the answer is its evaluation against the "
            + "effective policy", description = "A change of status (the first report counts as one) emits "
            + "mdm.compliance.changed with rule ids only. A report older than the stored one is evaluated and "
            + "answered but does not replace it.")
    @APIResponse(responseCode = "200", description = "{status: COMPLIANT|NON_COMPLIANT, reasons: [{rule, message}]}")
    @APIResponse(responseCode = "400", description = "A field is missing, malformed, out of range or unknown "
            + "(a report carries work-profile facts only)")
    @APIResponse(responseCode = "403", description = "Not the device itself")
    @APIResponse(responseCode = "404", description = "No such device")
    @APIResponse(responseCode = "409", description = "The device is retired")
    public ComplianceView report(@PathParam("deviceId") String deviceId, ComplianceReportBody body) {
        if (!caller.get().isDevice(deviceId)) {
            throw ProblemException.forbidden("Only the device itself reports its compliance.");
        }
        if (body == null) {
            throw ProblemException.invalid("The request needs a compliance report as its JSON body.",
                    List.of(new Problem.Violation("body", "body-required", "send the report as a JSON object")));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        body.validate(now);
        Device device = known(deviceId);
        if (device.isRetired()) {
            throw ProblemException.conflict("The device is retired; a retired device reports no compliance.");
        }
        ComplianceResult result = evaluator.evaluate(effectivePolicies.of(device).settings(), device.platform(),
                body.report(device.platform()));
        DeviceCompliance evaluation = new DeviceCompliance(deviceId, device.employeeId(), result,
                body.reportedAt().truncatedTo(ChronoUnit.MILLIS), now);
        compliance.record(evaluation);
        return ComplianceView.of(evaluation);
    }

    @GET
    @Path("/compliance")
    @RolesAllowed({Roles.MDM_ADMIN, Roles.EMPLOYEE})
    @Operation(summary = "The evaluation of the device's latest compliance report")
    @APIResponse(responseCode = "200", description = "{deviceId, status, reasons, reportedAt, evaluatedAt}")
    @APIResponse(responseCode = "403", description = "A role that may not read devices")
    @APIResponse(responseCode = "404", description = "No such device, not the calling employee's, or no report yet")
    public ComplianceView compliance(@PathParam("deviceId") String deviceId) {
        Device device = readable(caller.get(), deviceId);
        return compliance.latest(device.id()).map(ComplianceView::of)
                .orElseThrow(() -> ProblemException.notFound("A compliance report of this device"));
    }

    private Device readable(Caller who, String deviceId) {
        if (who.hasRole(Roles.DEVICE) && !who.isDevice(deviceId)) {
            throw ProblemException.forbidden("A device token reads its own device only.");
        }
        Device device = known(deviceId);
        boolean allowed = who.isDevice(deviceId) || who.hasRole(Roles.MDM_ADMIN)
                || (who.hasRole(Roles.EMPLOYEE) && who.employeeId().map(device::belongsTo).orElse(false));
        if (!allowed) {
            throw unknownDevice();
        }
        return device;
    }

    private Device known(String deviceId) {
        try {
            return devices.find(deviceId).orElseThrow(DevicePolicyResource::unknownDevice);
        } catch (DirectoryUnavailableException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE,
                    "The device is not known here yet and the enrollment directory cannot be asked; retry shortly.");
        }
    }

    private static ProblemException unknownDevice() {
        return ProblemException.notFound("The device");
    }
}
