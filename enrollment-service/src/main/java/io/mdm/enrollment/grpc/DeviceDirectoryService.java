package io.mdm.enrollment.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mdm.contracts.grpc.enrollment.v1.Device;
import io.mdm.contracts.grpc.enrollment.v1.DeviceDirectoryGrpc;
import io.mdm.contracts.grpc.enrollment.v1.DeviceStatus;
import io.mdm.contracts.grpc.enrollment.v1.GetDeviceRequest;
import io.mdm.contracts.grpc.enrollment.v1.Ownership;
import io.mdm.contracts.grpc.enrollment.v1.Platform;
import io.mdm.enrollment.persistence.DeviceRepository;
import io.mdm.platform.grpc.ServiceCallers;
import io.mdm.platform.grpc.ServiceTokenInterceptor;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

import java.util.Optional;
import java.util.Set;

/**
 * {@code mdm.enrollment.v1.DeviceDirectory}: what other services may know about a device, no
 * secrets; only the services that need it may ask, each with its own service token (today the
 * policy-service, for a device whose enrolled event has not reached it yet).
 */
@GrpcService
@Blocking
@RegisterInterceptor(ServiceTokenInterceptor.class)
public class DeviceDirectoryService extends DeviceDirectoryGrpc.DeviceDirectoryImplBase {

    /** The Keycloak clients of the services that may ask. */
    static final Set<String> CALLERS = Set.of("policy-service");

    private final ServiceCallers services;
    private final DeviceRepository devices;

    public DeviceDirectoryService(ServiceCallers services, DeviceRepository devices) {
        this.services = services;
        this.devices = devices;
    }

    @Override
    public void getDevice(GetDeviceRequest request, StreamObserver<Device> response) {
        Optional<StatusRuntimeException> refusal = services.refusal(CALLERS);
        if (refusal.isPresent()) {
            response.onError(refusal.get());
            return;
        }
        devices.byId(request.getDeviceId()).ifPresentOrElse(device -> {
            response.onNext(Device.newBuilder()
                    .setDeviceId(device.id())
                    .setEmployeeId(device.employeeId())
                    .setOwnership(Ownership.valueOf(device.ownership().name()))
                    .setPlatform(Platform.valueOf(device.platform().name()))
                    .setOsVersion(device.osVersion())
                    .setModel(device.model())
                    .setStatus(DeviceStatus.valueOf(device.status().name()))
                    .setEnrolledAt(Timestamp.newBuilder().setSeconds(device.enrolledAt().getEpochSecond())
                            .setNanos(device.enrolledAt().getNano()))
                    .setNoticeVersion(device.noticeVersion())
                    .build());
            response.onCompleted();
        }, () -> response.onError(Status.NOT_FOUND.withDescription("unknown device").asRuntimeException()));
    }
}
