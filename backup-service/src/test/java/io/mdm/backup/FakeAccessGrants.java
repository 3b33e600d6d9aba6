package io.mdm.backup;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.mdm.contracts.grpc.audit.v1.AccessGrantsGrpc;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The audit-service's AccessGrants as a small real gRPC server on the loopback interface: it
 * records every request with the {@code authorization} metadata it came with, and answers what
 * a test set for the grant. An unknown grant is refused.
 */
public final class FakeAccessGrants extends AccessGrantsGrpc.AccessGrantsImplBase {

    public static final String UNKNOWN_GRANT = "no such grant";

    public sealed interface Answer permits Allow, Deny, Failure {
    }

    public record Allow(int remainingReads) implements Answer {
    }

    public record Deny(String reason) implements Answer {
    }

    public enum Failure implements Answer {
        /** What a client sees when the audit-service is down or unreachable. */
        UNAVAILABLE
    }

    /** One AuthorizeRead as the audit-service would receive it. */
    public record Call(AuthorizeReadRequest request, String authorization) {
    }

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> CALL_AUTHORIZATION = Context.key("authorization");

    private static FakeAccessGrants instance;

    private final Server server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private FakeAccessGrants() {
        ServerInterceptor keepAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return Contexts.interceptCall(Context.current().withValue(CALL_AUTHORIZATION,
                        headers.get(AUTHORIZATION)), call, headers, next);
            }
        };
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerInterceptors.intercept(this, keepAuthorization))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "fake-access-grants-shutdown"));
    }

    public static synchronized FakeAccessGrants get() {
        if (instance == null) {
            instance = new FakeAccessGrants();
        }
        return instance;
    }

    public int port() {
        return server.getPort();
    }

    public void answer(String grantId, Answer answer) {
        answers.put(grantId, answer);
    }

    /** The calls that asked about the employee, in order. */
    public List<Call> callsAbout(String employeeId) {
        return calls.stream().filter(c -> c.request().getSubjectEmployeeId().equals(employeeId)).toList();
    }

    @Override
    public void authorizeRead(AuthorizeReadRequest request, StreamObserver<AuthorizeReadResponse> response) {
        calls.add(new Call(request, CALL_AUTHORIZATION.get()));
        switch (answers.getOrDefault(request.getGrantId(), new Deny(UNKNOWN_GRANT))) {
            case Allow allow -> {
                response.onNext(AuthorizeReadResponse.newBuilder().setAllowed(true)
                        .setRemainingReads(allow.remainingReads()).setAuditSeq(calls.size()).build());
                response.onCompleted();
            }
            case Deny deny -> {
                response.onNext(AuthorizeReadResponse.newBuilder().setAllowed(false)
                        .setDenialReason(deny.reason()).setAuditSeq(calls.size()).build());
                response.onCompleted();
            }
            case Failure.UNAVAILABLE -> response.onError(Status.UNAVAILABLE.asRuntimeException());
        }
    }
}
