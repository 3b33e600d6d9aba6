package io.mdm.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/** Turns the verified token of the current request into a {@link Caller}. */
@ApplicationScoped
public class CurrentCaller {

    public static final String EMPLOYEE_ID_CLAIM = "employee_id";

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (identity.isAnonymous()) {
            return new Caller("anonymous", Optional.empty(), Set.of());
        }
        Optional<String> employeeId = Optional.empty();
        String username = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            employeeId = Optional.ofNullable(jwt.<String>getClaim(EMPLOYEE_ID_CLAIM)).filter(id -> !id.isBlank());
            // People are known by their Keycloak user name, phones by their device id (sub).
            String preferred = jwt.getClaim("preferred_username");
            username = preferred != null ? preferred : jwt.getSubject();
        }
        return new Caller(username, employeeId, identity.getRoles());
    }
}
