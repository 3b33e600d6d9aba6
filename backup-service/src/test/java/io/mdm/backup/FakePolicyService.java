package io.mdm.backup;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.mdm.contracts.grpc.policy.v1.EffectivePolicy;
import io.mdm.contracts.grpc.policy.v1.GetEffectivePolicyRequest;
import io.mdm.contracts.grpc.policy.v1.MessagingSettings;
import io.mdm.contracts.grpc.policy.v1.PolicyQueryGrpc;
import io.mdm.contracts.grpc.policy.v1.PolicySettings;
import io.mdm.testkit.ServiceTokenCheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The policy-service's PolicyQuery as a small real gRPC server on the loopback interface, with
 * answers a test sets per device. Unless told otherwise it answers the story's policy: the
 * approved messenger {@value #WORKCHAT}, backup required, 365 days of retention. Like the real
 * one, it answers only the backup-service's service token ({@link ServiceTokenCheck}).
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
                    .addService(ServerInterceptors.intercept(this, new ServiceTokenCheck("backup-service")))
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
}
