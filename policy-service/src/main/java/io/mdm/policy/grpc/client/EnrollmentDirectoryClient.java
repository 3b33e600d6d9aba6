package io.mdm.policy.grpc.client;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdm.contracts.grpc.enrollment.v1.DeviceDirectoryGrpc;
import io.mdm.contracts.grpc.enrollment.v1.GetDeviceRequest;
import io.mdm.policy.Device;
import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.Platform;
import io.mdm.platform.grpc.ChannelRecovery;
import io.mdm.platform.grpc.ServiceToken;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code mdm.enrollment.v1.DeviceDirectory} of the enrollment-service, for a device whose
 * enrolled event has not reached this service yet, asked with the policy-service's own service
 * token. Generated gRPC types stay in this class.
 * Blocking: call it from a worker thread, never from the event loop.
 */
@ApplicationScoped
public class EnrollmentDirectoryClient {

    private final DeviceDirectoryGrpc.DeviceDirectoryBlockingStub directory;
    private final Channel channel;
    private final ServiceToken serviceToken;
    private final Duration timeout;

    public EnrollmentDirectoryClient(@GrpcClient("device-directory") DeviceDirectoryGrpc.DeviceDirectoryBlockingStub directory,
                                     @GrpcClient("device-directory") Channel channel,
                                     ServiceToken serviceToken,
                                     @ConfigProperty(name = "mdm.device-directory.timeout", defaultValue = "5s")
                                     Duration timeout) {
        this.directory = directory;
        this.channel = channel;
        this.serviceToken = serviceToken;
        this.timeout = timeout;
    }

    /**
     * The device as the directory knows it; empty when the enrollment-service never issued that id.
     *
     * @throws DirectoryUnavailableException when the directory does not answer in time, fails, or
     *     answers with values this service does not know
     */
    public Optional<Device> device(String deviceId) {
        DeviceDirectoryGrpc.DeviceDirectoryBlockingStub asPolicyService = serviceToken.attachTo(directory, timeout)
                .orElseThrow(() -> new DirectoryUnavailableException("no service token to ask the device directory"));
        io.mdm.contracts.grpc.enrollment.v1.Device answer;
        ChannelRecovery.dialNowIfBackingOff(channel);
        try {
            answer = asPolicyService.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .withWaitForReady()
                    .getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw new DirectoryUnavailableException("device directory answered " + e.getStatus().getCode(), e);
        }
        return Optional.of(device(deviceId, answer));
    }

    private static Device device(String deviceId, io.mdm.contracts.grpc.enrollment.v1.Device answer) {
        Ownership ownership = switch (answer.getOwnership()) {
            case BYOD -> Ownership.BYOD;
            case CORPORATE -> Ownership.CORPORATE;
            default -> throw unreadable("ownership " + answer.getOwnership());
        };
        Platform platform = switch (answer.getPlatform()) {
            case ANDROID -> Platform.ANDROID;
            case IOS -> Platform.IOS;
            default -> throw unreadable("platform " + answer.getPlatform());
        };
        Device.Status status = switch (answer.getStatus()) {
            case ACTIVE -> Device.Status.ACTIVE;
            case RETIRED -> Device.Status.RETIRED;
            default -> throw unreadable("status " + answer.getStatus());
        };
        if (answer.getEmployeeId().isEmpty()) {
            throw unreadable("a device without employee");
        }
        if (!answer.getDeviceId().equals(deviceId)) {
            throw unreadable("another device");
        }
        return new Device(answer.getDeviceId(), answer.getEmployeeId(), ownership, platform, status,
                answer.hasEnrolledAt() ? instant(answer.getEnrolledAt()) : null, null);
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    private static DirectoryUnavailableException unreadable(String what) {
        return new DirectoryUnavailableException("device directory answered with " + what);
    }
}
