package io.mdm.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.mdm.contracts.grpc.policy.v1.EffectivePolicy;
import io.mdm.contracts.grpc.policy.v1.GetEffectivePolicyRequest;
import io.mdm.contracts.grpc.policy.v1.MessagingSettings;
import io.mdm.contracts.grpc.policy.v1.PolicyQueryGrpc;
import io.mdm.contracts.grpc.policy.v1.PolicySettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The policy-service's PolicyQuery as a small real gRPC server on the loopback interface, with
 * answers a test sets per device. Unless told otherwise it answers the story's policy: the
 * approved messenger {@value #WORKCHAT}, backup required, 365 days of retention. Like the real
 * one, it answers only a call that presents a token Keycloak issued to the backup-service
 * (claim {@code azp}); it reads the claim without checking the signature, which the
 * policy-service's own tests do against Keycloak.
 */
public final class FakePolicyService extends PolicyQueryGrpc.PolicyQueryImplBase {

    public static final String WORKCHAT = "org.example.workchat";

    public sealed interface Answer permits Policy, Failure {
    }

    /** An effective policy with messaging settings; a null field is left out, as policy-service does. */
    public record Policy(List<String> approvedApps, Boolean backupRequired, Integer retentionDays) implements Answer {
    }

    public enum Failure implements Answer {
        /** What a client sees when the service is down or unreachable. */
        UNAVAILABLE,
        /** The device is unknown to the policy-service. */
        NOT_FOUND
    }

    public static final Policy STORY_POLICY = new Policy(List.of(WORKCHAT), true, 365);

    private static FakePolicyService instance;

    private final Server server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private FakePolicyService() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerInterceptors.intercept(this, new BackupServiceOnly()))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "fake-policy-service-shutdown"));
    }

    public static synchronized FakePolicyService get() {
        if (instance == null) {
            instance = new FakePolicyService();
        }
        return instance;
    }

    public int port() {
        return server.getPort();
    }

    public void answer(String deviceId, Answer answer) {
        answers.put(deviceId, answer);
    }

    /** How many times the backup-service asked about the device. */
    public int calls(String deviceId) {
        return calls.getOrDefault(deviceId, new AtomicInteger()).get();
    }

    @Override
    public void getEffectivePolicy(GetEffectivePolicyRequest request, StreamObserver<EffectivePolicy> response) {
        calls.computeIfAbsent(request.getDeviceId(), id -> new AtomicInteger()).incrementAndGet();
        switch (answers.getOrDefault(request.getDeviceId(), STORY_POLICY)) {
            case Policy policy -> {
                MessagingSettings.Builder messaging = MessagingSettings.newBuilder()
                        .addAllApprovedApps(policy.approvedApps());
                if (policy.backupRequired() != null) {
                    messaging.setBackupRequired(policy.backupRequired());
                }
                if (policy.retentionDays() != null) {
                    messaging.setRetentionDays(policy.retentionDays());
                }
                response.onNext(EffectivePolicy.newBuilder()
                        .setDeviceId(request.getDeviceId())
                        .setSettings(PolicySettings.newBuilder().setMessaging(messaging))
                        .build());
                response.onCompleted();
            }
            case Failure.UNAVAILABLE -> response.onError(Status.UNAVAILABLE.asRuntimeException());
            case Failure.NOT_FOUND -> response.onError(Status.NOT_FOUND.asRuntimeException());
        }
    }

    /** Refuses a call without the backup-service's token, as policy-service's ServiceCallers does. */
    private static final class BackupServiceOnly implements ServerInterceptor {

        private static final Metadata.Key<String> AUTHORIZATION =
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                           ServerCallHandler<Q, A> next) {
            String header = headers.get(AUTHORIZATION);
            String[] jwt = header == null || !header.startsWith("Bearer ") ? new String[0]
                    : header.substring("Bearer ".length()).split("\\.");
            if (jwt.length != 3) {
                call.close(Status.UNAUTHENTICATED.withDescription("a service token is required"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            String azp;
            try {
                azp = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1])).path("azp").asText();
            } catch (IOException | IllegalArgumentException e) {
                azp = "";
            }
            if (!azp.equals("backup-service")) {
                call.close(Status.PERMISSION_DENIED.withDescription("not the backup-service"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }
}
