package io.mdm.enrollment.rest;

import io.mdm.enrollment.Device;
import io.mdm.enrollment.DeviceCommand;
import io.mdm.enrollment.WipeScope;
import io.mdm.enrollment.persistence.DeviceRepository;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.Caller;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Unenrollment, selective wipe, and the phone's command queue. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceLifecycleResource {

    private final DeviceRepository devices;
    private final CurrentCaller caller;
    private final Clock clock;

    public DeviceLifecycleResource(DeviceRepository devices, CurrentCaller caller, Clock clock) {
        this.devices = devices;
        this.caller = caller;
        this.clock = clock;
    }

    public record Unenrollment(@Size(max = 500) String reason) {
    }

    public record WipeRequest(@NotNull WipeScope scope, @NotBlank @Size(max = 500) String reason) {
    }

    public record Acknowledgement(@NotNull DeviceCommand.Status result, @Size(max = 1000) String detail) {
    }

    public record CommandView(String id, DeviceCommand.Type type, WipeScope scope, DeviceCommand.Status status,
                              Instant requestedAt, Instant acknowledgedAt) {
        static CommandView of(DeviceCommand c) {
            return new CommandView(c.id(), c.type(), c.scope(), c.status(), c.requestedAt(), c.acknowledgedAt());
        }
    }

    /**
     * The owning employee, the phone itself or an administrator retires the device: no further
     * tokens, and a work-data wipe is queued for the phone.
     */
    @POST
    @Path("/{id}/unenroll")
    @RolesAllowed({Roles.MDM_ADMIN, Roles.EMPLOYEE, Roles.DEVICE})
    public Map<String, Object> unenroll(@PathParam("id") String id, @Valid Unenrollment body) {
        Caller who = caller.get();
        Device device = visibleDevice(id, who);
        if (!device.isActive()) {
            throw ProblemException.conflict("The device is already retired.");
        }
        Instant now = clock.instant();
        DeviceCommand wipe = DeviceCommand.wipe(UUID.randomUUID().toString(), WipeScope.WORK_DATA,
                body == null ? null : body.reason(), who.username(), now);
        if (!devices.retire(device, who.username(), wipe, now)) {
            throw ProblemException.conflict("The device is already retired.");
        }
        return Map.of("deviceId", id, "status", Device.Status.RETIRED, "wipeCommandId", wipe.id());
    }

    @POST
    @Path("/{id}/wipe")
    @RolesAllowed(Roles.MDM_ADMIN)
    public Response wipe(@PathParam("id") String id, @NotNull @Valid WipeRequest body) {
        Device device = devices.byId(id).orElseThrow(() -> ProblemException.notFound("Device " + id));
        body.scope().refusalOn(device.ownership()).ifPresent(why -> {
            throw ProblemException.ruleViolated(why, List.of(new Problem.Violation("scope", WipeScope.BYOD_RULE, why)));
        });
        DeviceCommand wipe = DeviceCommand.wipe(UUID.randomUUID().toString(), body.scope(), body.reason(),
                caller.get().username(), clock.instant());
        if (!devices.queue(device, wipe)) {
            throw ProblemException.conflict("The device is retired; its work data wipe was queued at unenrollment.");
        }
        return Response.accepted(Map.of("commandId", wipe.id())).build();
    }

    /** The phone's pending commands; a retired phone may still fetch them with its last token. */
    @GET
    @Path("/{id}/commands")
    @RolesAllowed(Roles.DEVICE)
    public Map<String, Object> commands(@PathParam("id") String id) {
        requireDevice(id);
        List<CommandView> pending = devices.commands(id).stream().filter(DeviceCommand::isPending).map(CommandView::of).toList();
        return Map.of("items", pending);
    }

    @POST
    @Path("/{id}/commands/{commandId}/ack")
    @RolesAllowed(Roles.DEVICE)
    public CommandView acknowledge(@PathParam("id") String id, @PathParam("commandId") String commandId,
                                   @NotNull @Valid Acknowledgement body) {
        requireDevice(id);
        if (body.result() == DeviceCommand.Status.PENDING) {
            throw ProblemException.invalid("result must be DONE or FAILED.",
                    List.of(new Problem.Violation("result", "value", "DONE or FAILED")));
        }
        Device device = devices.byId(id).orElseThrow(() -> ProblemException.notFound("Device " + id));
        return switch (devices.acknowledge(device, commandId, body.result(), body.detail(), clock.instant())) {
            case ACKNOWLEDGED -> devices.commands(id).stream().filter(c -> c.id().equals(commandId)).findFirst()
                    .map(CommandView::of).orElseThrow();
            case UNKNOWN_COMMAND -> throw ProblemException.notFound("Command " + commandId);
            case ALREADY_ACKNOWLEDGED -> throw ProblemException.conflict("The command was already acknowledged.");
            case CHANGED_CONCURRENTLY -> throw ProblemException.conflict("The device changed at the same time; retry.");
        };
    }

    /** A phone acts only on itself. */
    private void requireDevice(String id) {
        if (!caller.get().isDevice(id)) {
            throw ProblemException.forbidden("A device token acts only on its own device.");
        }
    }

    /** Administrators see every device, a phone itself, an employee their own; others learn nothing. */
    private Device visibleDevice(String id, Caller who) {
        if (who.hasRole(Roles.DEVICE) && !who.isDevice(id)) {
            throw ProblemException.forbidden("A device token acts only on its own device.");
        }
        return devices.byId(id)
                .filter(d -> who.hasRole(Roles.MDM_ADMIN) || who.isDevice(id)
                        || (who.hasRole(Roles.EMPLOYEE) && who.employeeId().map(d::belongsTo).orElse(false)))
                .orElseThrow(() -> ProblemException.notFound("Device " + id));
    }
}
