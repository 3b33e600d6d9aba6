package io.mdm.audit.rest;

import io.mdm.audit.accesslog.AccessLog;
import io.mdm.audit.accesslog.AccessLogPage;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /me/access-log}: the accesses to the calling employee's backup they have been told about. */
@Path("/api/v1/me/access-log")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

    private final AccessLog accessLog;
    private final CurrentCaller callers;

    public AccessLogResource(AccessLog accessLog, CurrentCaller callers) {
        this.accessLog = accessLog;
        this.callers = callers;
    }

    @GET
    @RolesAllowed(Roles.EMPLOYEE)
    public AccessLogPage get(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ListParameters parameters = ListParameters.parse(null, limit, cursor);
        // The log is keyed by the token's employee id; an employee account without one has no backup.
        String employeeId = callers.get().employeeId()
                .orElseThrow(() -> ProblemException.forbidden("The account carries no employee id."));
        return accessLog.of(employeeId, parameters.limit(), parameters.after());
    }
}
