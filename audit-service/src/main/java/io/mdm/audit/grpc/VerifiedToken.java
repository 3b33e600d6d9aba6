package io.mdm.audit.grpc;

import io.mdm.audit.access.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * A token the OIDC tenant accepted.
 *
 * @param jwt   its claims
 * @param roles the realm roles Quarkus read from it
 */
public record VerifiedToken(JsonWebToken jwt, Set<String> roles) {

    /** The Keycloak client the token was issued to (claim {@code azp}). */
    public Optional<String> authorizedParty() {
        return Optional.ofNullable(jwt.<Object>getClaim("azp")).map(Object::toString);
    }

    /** The person behind the token, or empty when it names no user (e.g. a service account without a user name). */
    public Optional<Caller> asCaller() {
        Object username = jwt.getClaim("preferred_username");
        if (username == null || username.toString().isBlank()) {
            return Optional.empty();
        }
        Object employeeId = jwt.getClaim("employee_id");
        return Optional.of(new Caller(username.toString(), employeeId == null ? null : employeeId.toString(), roles));
    }
}
