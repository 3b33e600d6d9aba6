package io.mdm.policy;

import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.mdm.contracts.grpc.enrollment.v1.Device;
import io.mdm.contracts.grpc.enrollment.v1.DeviceDirectoryGrpc;
import io.mdm.contracts.grpc.enrollment.v1.DeviceStatus;
import io.mdm.contracts.grpc.enrollment.v1.GetDeviceRequest;
import io.mdm.contracts.grpc.enrollment.v1.Ownership;
import io.mdm.contracts.grpc.enrollment.v1.Platform;
import io.mdm.testkit.ServiceTokenCheck;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the enrollment-service's {@code DeviceDirectory} (our own service, not one of the
 * real servers the test kit runs): a gRPC server on a free loopback port that knows three devices
 * no event announces, and answers NOT_FOUND for every other id. Like the real one, it answers
 * only the policy-service's service token ({@link ServiceTokenCheck}). It points the
 * application's {@code device-directory} client at itself.
 */
public class FakeDeviceDirectory implements QuarkusTestResourceLifecycleManager {

    /** Erin's (E1001) corporate iPhone. */
    static final String CORPORATE_IOS = "directory-only-corporate-ios";
    static final String CORPORATE_IOS_EMPLOYEE = "E1001";
    /** A personal Android phone whose enrolled event has not arrived yet. */
    static final String BYOD_ANDROID = "directory-only-byod-android";
    static final String BYOD_ANDROID_EMPLOYEE = "E3101";
    /** A device the directory knows as retired. */
    static final String RETIRED = "directory-only-retired";
    static final String RETIRED_EMPLOYEE = "E3102";

    private static final long ENROLLED_AT_SECONDS = 1_767_225_600L;
    private static final Map<String, Device> DEVICES = Map.of(
            CORPORATE_IOS, device(CORPORATE_IOS, CORPORATE_IOS_EMPLOYEE, Ownership.CORPORATE, Platform.IOS,
                    DeviceStatus.ACTIVE),
            BYOD_ANDROID, device(BYOD_ANDROID, BYOD_ANDROID_EMPLOYEE, Ownership.BYOD, Platform.ANDROID,
                    DeviceStatus.ACTIVE),
            RETIRED, device(RETIRED, RETIRED_EMPLOYEE, Ownership.BYOD, Platform.ANDROID, DeviceStatus.RETIRED));

    private Server server;

    @Override
    public Map<String, String> start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(ServerInterceptors.intercept(new Directory(), new ServiceTokenCheck("policy-service")))
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("the fake device directory did not start", e);
        }
        return Map.of(
                "quarkus.grpc.clients.device-directory.host", "127.0.0.1",
                // In test mode the client connects to test-port, not port.
                "quarkus.grpc.clients.device-directory.test-port", Integer.toString(server.getPort()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Device device(String id, String employeeId, Ownership ownership, Platform platform,
                                 DeviceStatus status) {
        return Device.newBuilder().setDeviceId(id).setEmployeeId(employeeId).setOwnership(ownership)
                .setPlatform(platform).setOsVersion("17.4").setModel("Test phone").setStatus(status)
                .setEnrolledAt(Timestamp.newBuilder().setSeconds(ENROLLED_AT_SECONDS)).setNoticeVersion(1).build();
    }

    private static final class Directory extends DeviceDirectoryGrpc.DeviceDirectoryImplBase {
        @Override
        public void getDevice(GetDeviceRequest request, StreamObserver<Device> response) {
            Device device = DEVICES.get(request.getDeviceId());
            if (device == null) {
                response.onError(Status.NOT_FOUND.withDescription("unknown device").asRuntimeException());
                return;
            }
            response.onNext(device);
            response.onCompleted();
        }
    }
}
