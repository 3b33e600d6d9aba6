package io.mdm.policy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mdm.contracts.grpc.policy.v1.EffectivePolicy;
import io.mdm.contracts.grpc.policy.v1.GetEffectivePolicyRequest;
import io.mdm.contracts.grpc.policy.v1.PolicyQueryGrpc;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.concurrent.TimeUnit;

/**
 * A plain gRPC channel to the application's PolicyQuery service, as another service would call it.
 * The test profile starts the gRPC server on a random port ({@code quarkus.grpc.server.test-port=0});
 * Quarkus publishes the port it got under the same key once the server runs.
 */
final class PolicyQueryChannel implements AutoCloseable {

    private final ManagedChannel channel;
    private final PolicyQueryGrpc.PolicyQueryBlockingStub stub;

    PolicyQueryChannel() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        if (port == 0) {
            throw new IllegalStateException("the actual gRPC test port was not published");
        }
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = PolicyQueryGrpc.newBlockingStub(channel);
    }

    EffectivePolicy effectivePolicy(String deviceId) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .getEffectivePolicy(GetEffectivePolicyRequest.newBuilder().setDeviceId(deviceId).build());
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
