package io.mdm.audit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.mdm.contracts.grpc.audit.v1.AccessGrantsGrpc;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadResponse;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.concurrent.TimeUnit;

/**
 * A plain gRPC channel to the application's AccessGrants service, as the backup-service calls it.
 * The test profile starts the gRPC server on a random port ({@code quarkus.grpc.server.test-port=0});
 * Quarkus publishes the port it got under the same key once the server runs.
 */
public final class AccessGrantsChannel implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;

    public AccessGrantsChannel() {
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        if (port == 0) {
            throw new IllegalStateException("the actual gRPC test port was not published");
        }
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** Calls AuthorizeRead presenting {@code serviceToken} as the calling service's bearer token, or none when null. */
    public AuthorizeReadResponse authorizeRead(String serviceToken, AuthorizeReadRequest request) {
        AccessGrantsGrpc.AccessGrantsBlockingStub stub = AccessGrantsGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        if (serviceToken != null) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + serviceToken);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return stub.authorizeRead(request);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
