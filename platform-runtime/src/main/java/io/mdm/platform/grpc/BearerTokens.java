package io.mdm.platform.grpc;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.Optional;

/**
 * Verifies a Keycloak bearer token with the default OIDC tenant (signature, issuer, expiry), the
 * same way the REST endpoints do. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class BearerTokens {

    /** Keycloak may need a moment to answer a key refresh; a call never waits longer. */
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    private final TenantIdentityProvider identities;

    public BearerTokens(TenantIdentityProvider identities) {
        this.identities = identities;
    }

    /** @return the verified identity with its token, or empty when the token is missing or not valid */
    public Optional<VerifiedToken> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SecurityIdentity identity = identities.authenticate(new AccessTokenCredential(token))
                    .await().atMost(VERIFY_TIMEOUT);
            if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
                return Optional.empty();
            }
            return Optional.of(new VerifiedToken(jwt, identity.getRoles()));
        } catch (AuthenticationFailedException e) {
            return Optional.empty();
        }
    }
}
