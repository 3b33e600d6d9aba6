package io.mdm.platform.grpc;

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

    /** A claim as text; empty when the token does not carry it or it is blank. */
    public Optional<String> claim(String name) {
        return Optional.ofNullable(jwt.<Object>getClaim(name)).map(Object::toString).filter(value -> !value.isBlank());
    }
}
