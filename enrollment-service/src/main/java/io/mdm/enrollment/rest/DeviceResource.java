package io.mdm.enrollment.rest;

import io.mdm.enrollment.Device;
import io.mdm.enrollment.Ownership;
import io.mdm.enrollment.Secrets;
import io.mdm.enrollment.persistence.DeviceRepository;
import io.mdm.enrollment.tokens.DeviceTokenIssuer;
import io.mdm.platform.paging.Page;
import io.mdm.platform.paging.PageCursor;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import io.mdm.platform.security.Caller;
import io.mdm.platform.security.CurrentCaller;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private final DeviceRepository devices;
    private final DeviceTokenIssuer tokens;
    private final CurrentCaller caller;

    public DeviceResource(DeviceRepository devices, DeviceTokenIssuer tokens, CurrentCaller caller) {
        this.devices = devices;
        this.tokens = tokens;
        this.caller = caller;
    }

    public record DeviceView(String id, String employeeId, Ownership ownership, Device.Platform platform,
                             String osVersion, String model, Device.Status status, Instant enrolledAt,
                             int noticeVersion) {
        static DeviceView of(Device d) {
            return new DeviceView(d.id(), d.employeeId(), d.ownership(), d.platform(), d.osVersion(), d.model(),
                    d.status(), d.enrolledAt(), d.noticeVersion());
        }
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    }

    /** The phone trades its id and secret (HTTP Basic) for a short-lived signed device token. */
    @POST
    @Path("/{id}/token")
    @PermitAll
    public TokenResponse token(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Device device = basicCredentials(authorization)
                .filter(credentials -> credentials[0].equals(id))
                .flatMap(credentials -> devices.byId(id).filter(d -> Secrets.matches(credentials[1], d.secretHash())))
                .filter(Device::isActive)
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHENTICATED,
                        "Unknown device, wrong secret, or a retired device."));
        DeviceTokenIssuer.IssuedToken token = tokens.issue(device);
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresIn());
    }

    @GET
    @Path("/jwks")
    @PermitAll
    public Map<String, Object> jwks() {
        return tokens.jwks();
    }

    @GET
    @RolesAllowed(Roles.MDM_ADMIN)
    public Page<DeviceView> list(@QueryParam("employeeId") String employeeId, @QueryParam("status") Device.Status status,
                                 @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        return Page.of(devices.list(Optional.ofNullable(employeeId), Optional.ofNullable(status), Page.cursor(cursor),
                size + 1), size, d -> new PageCursor(d.enrolledAt(), d.id()), DeviceView::of);
    }

    /** An administrator, or the employee whose device it is; other employees learn nothing (404). */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MDM_ADMIN, Roles.EMPLOYEE})
    public DeviceView get(@PathParam("id") String id) {
        Caller who = caller.get();
        return devices.byId(id)
                .filter(d -> who.hasRole(Roles.MDM_ADMIN)
                        || (who.hasRole(Roles.EMPLOYEE) && who.employeeId().map(d::belongsTo).orElse(false)))
                .map(DeviceView::of)
                .orElseThrow(() -> ProblemException.notFound("Device " + id));
    }

    private static Optional<String[]> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 1 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
