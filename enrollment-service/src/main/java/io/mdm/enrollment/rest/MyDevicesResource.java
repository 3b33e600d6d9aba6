package io.mdm.enrollment.rest;

import io.mdm.enrollment.persistence.DeviceRepository;
import io.mdm.enrollment.rest.DeviceResource.DeviceView;
import io.mdm.platform.paging.Page;
import io.mdm.platform.paging.PageCursor;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Optional;

/** The devices of the calling employee. */
@Path("/api/v1/me/devices")
@Produces(MediaType.APPLICATION_JSON)
public class MyDevicesResource {

    private final DeviceRepository devices;
    private final CurrentCaller caller;

    public MyDevicesResource(DeviceRepository devices, CurrentCaller caller) {
        this.devices = devices;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.EMPLOYEE)
    public Page<DeviceView> mine(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        String employeeId = caller.get().employeeId().orElseThrow(() -> ProblemException.forbidden(
                "Your account has no employee id; ask an administrator to set it."));
        int size = Page.limit(limit);
        return Page.of(devices.list(Optional.of(employeeId), Optional.empty(), Page.cursor(cursor), size + 1), size,
                d -> new PageCursor(d.enrolledAt(), d.id()), DeviceView::of);
    }
}
