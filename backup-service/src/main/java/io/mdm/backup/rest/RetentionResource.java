package io.mdm.backup.rest;

import io.mdm.backup.domain.RetentionRun;
import io.mdm.backup.retention.RetentionJob;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Retention on demand; it also runs on a schedule ({@code mdm.backup.retention-every}). */
@Path("/api/v1/backup/retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MDM_ADMIN)
@Tag(name = "Backup retention", description = "Administrators only.")
public class RetentionResource {

    private final RetentionJob retention;
    private final CurrentCaller caller;

    public RetentionResource(RetentionJob retention, CurrentCaller caller) {
        this.retention = retention;
        this.caller = caller;
    }

    @POST
    @Path("/run")
    @Operation(summary = "Run retention now",
            description = "Removes every message whose retention period (sentAt + retentionDays of the policy it "
                    + "was archived under) is over, except those of employees under an active legal hold, which "
                    + "are counted as keptUnderHold. Emits mdm.backup.retention-purged with the counts.")
    @APIResponse(responseCode = "200", description = "{purged, keptUnderHold}")
    @APIResponse(responseCode = "403", description = "The caller is not an mdm-admin")
    public RetentionRun run() {
        return retention.run(caller.get().username());
    }
}
