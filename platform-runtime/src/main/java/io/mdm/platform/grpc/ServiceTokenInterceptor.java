package io.mdm.platform.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands the calling service's bearer token (metadata {@code authorization: Bearer ...}) to the
 * service method. It only reads the header: verifying it may wait for Keycloak, which must not
 * happen on the event loop this interceptor runs on, so the blocking method verifies it.
 */
@ApplicationScoped
public class ServiceTokenInterceptor implements ServerInterceptor {

    static final Context.Key<String> SERVICE_TOKEN = Context.key("mdm-service-token");

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        String header = headers.get(AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        return Contexts.interceptCall(Context.current().withValue(SERVICE_TOKEN, token), call, headers, next);
    }
}
