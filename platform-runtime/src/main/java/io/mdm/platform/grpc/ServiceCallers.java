package io.mdm.platform.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/**
 * Which service is calling a gRPC method: the one whose Keycloak client (claim {@code azp}) issued
 * the service token that {@link ServiceTokenInterceptor} took from the call's metadata. A gRPC
 * service registers that interceptor and asks here before it answers; the port is reachable
 * from the cluster network, so a call without a valid token of an allowed service gets nothing.
 * Blocking (the token may have to be verified against Keycloak's keys): call it from a worker.
 */
@ApplicationScoped
public class ServiceCallers {

    private final BearerTokens tokens;

    public ServiceCallers(BearerTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * Empty when the current call carries a valid token of one of {@code allowedClients};
     * otherwise the error to answer with: {@code UNAUTHENTICATED} without a valid token,
     * {@code PERMISSION_DENIED} for a token of another client (a person's, or another service's).
     */
    public Optional<StatusRuntimeException> refusal(Set<String> allowedClients) {
        Optional<VerifiedToken> service = tokens.verify(ServiceTokenInterceptor.SERVICE_TOKEN.get());
        if (service.isEmpty()) {
            return Optional.of(Status.UNAUTHENTICATED.withDescription("a valid service token is required")
                    .asRuntimeException());
        }
        if (service.get().authorizedParty().filter(allowedClients::contains).isEmpty()) {
            return Optional.of(Status.PERMISSION_DENIED.withDescription("this service may not call this method")
                    .asRuntimeException());
        }
        return Optional.empty();
    }
}
