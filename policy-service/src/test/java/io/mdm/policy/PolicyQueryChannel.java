package io.mdm.policy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.mdm.contracts.grpc.policy.v1.EffectivePolicy;
import io.mdm.contracts.grpc.policy.v1.GetEffectivePolicyRequest;
import io.mdm.contracts.grpc.policy.v1.PolicyQueryGrpc;
import io.mdm.testkit.TestInfrastructure;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.concurrent.TimeUnit;

/**
 * A plain gRPC channel to the application's PolicyQuery service, as the backup-service calls it:
 * with the backup-service's client-credentials token from the test realm, unless a test says otherwise.
 * The test profile starts the gRPC server on a random port ({@code quarkus.grpc.server.test-port=0});
 * Quarkus publishes the port it got under the same key once the server runs.
 */
final class PolicyQueryChannel implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final PolicyQueryGrpc.PolicyQueryBlockingStub stub;
    private String backupServiceToken;

    PolicyQueryChannel() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        if (port == 0) {
            throw new IllegalStateException("the actual gRPC test port was not published");
        }
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = PolicyQueryGrpc.newBlockingStub(channel);
    }

    EffectivePolicy effectivePolicy(String deviceId) {
        if (backupServiceToken == null) {
            backupServiceToken = backupServiceToken();
        }
        return effectivePolicy(backupServiceToken, deviceId);
    }

    /** Asks presenting {@code serviceToken} as the calling service's bearer token, or none when null. */
    EffectivePolicy effectivePolicy(String serviceToken, String deviceId) {
        PolicyQueryGrpc.PolicyQueryBlockingStub call = stub.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (serviceToken != null) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + serviceToken);
            call = call.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return call.getEffectivePolicy(GetEffectivePolicyRequest.newBuilder().setDeviceId(deviceId).build());
    }

    static String backupServiceToken() {
        return TestInfrastructure.get().realm().clientCredentialsToken("backup-service", "backup-service-local-secret");
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
