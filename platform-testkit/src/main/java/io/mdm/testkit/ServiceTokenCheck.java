package io.mdm.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.io.IOException;
import java.util.Base64;

/**
 * For an in-test gRPC server that stands in for one of our services: refuses a call that does not
 * present a bearer token issued to the one Keycloak client the real service answers (claim
 * {@code azp}), with the status the real service gives. It reads the claim without checking the
 * signature; the real services' own tests verify tokens against Keycloak. So the fake proves
 * that the client under test presents its service token on every call.
 */
public final class ServiceTokenCheck implements ServerInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String client;

    /** @param client the Keycloak client whose tokens are accepted, e.g. {@code backup-service} */
    public ServiceTokenCheck(String client) {
        this.client = client;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        String header = headers.get(AUTHORIZATION);
        String[] jwt = header == null || !header.startsWith(BEARER) ? new String[0]
                : header.substring(BEARER.length()).split("\\.");
        if (jwt.length != 3) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("a service token is required"));
        }
        if (!client.equals(authorizedParty(jwt[1]))) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("not " + client));
        }
        return next.startCall(call, headers);
    }

    private static String authorizedParty(String payload) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("azp").asText();
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
