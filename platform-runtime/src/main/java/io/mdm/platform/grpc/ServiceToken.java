package io.mdm.platform.grpc;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's own client-credentials token from Keycloak ({@code quarkus.oidc-client.*}, the
 * service's Keycloak client), which it presents to the services it calls over gRPC (metadata
 * {@code authorization: Bearer ...}; they check it with {@link ServiceCallers}). The last token
 * is reused until it expires, so that not every call asks Keycloak. Blocking: call it on a
 * worker thread.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Logger LOG = Logger.getLogger(ServiceToken.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final OidcClient oidc;
    private final AtomicReference<Tokens> current = new AtomicReference<>();

    public ServiceToken(OidcClient oidc) {
        this.oidc = oidc;
    }

    /**
     * The stub presenting the token; empty when none can be had within {@code timeout} (Keycloak
     * unreachable or refusing), for the caller to answer that the other service cannot be asked.
     */
    public <S extends AbstractStub<S>> Optional<S> attachTo(S stub, Duration timeout) {
        return token(timeout).map(token -> {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + token);
            return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        });
    }

    private Optional<String> token(Duration timeout) {
        Tokens tokens = current.get();
        if (tokens != null && !tokens.isAccessTokenExpired()) {
            return Optional.of(tokens.getAccessToken());
        }
        try {
            Tokens fresh = oidc.getTokens().await().atMost(timeout);
            current.set(fresh);
            return Optional.of(fresh.getAccessToken());
        } catch (RuntimeException e) {
            // The exception class only: an OIDC error text may quote the request.
            LOG.warnf("no service token from Keycloak: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
