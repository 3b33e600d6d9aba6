package io.mdm.enrollment.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mdm.contracts.grpc.enrollment.v1.Device;
import io.mdm.contracts.grpc.enrollment.v1.DeviceDirectoryGrpc;
import io.mdm.contracts.grpc.enrollment.v1.DeviceStatus;
import io.mdm.contracts.grpc.enrollment.v1.GetDeviceRequest;
import io.mdm.contracts.grpc.enrollment.v1.Ownership;
import io.mdm.contracts.grpc.enrollment.v1.Platform;
import io.mdm.enrollment.persistence.DeviceRepository;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;

/** {@code mdm.enrollment.v1.DeviceDirectory}: what other services may know about a device, no secrets. */
@GrpcService
@Blocking
public class DeviceDirectoryService extends DeviceDirectoryGrpc.DeviceDirectoryImplBase {

    private final DeviceRepository devices;

    public DeviceDirectoryService(DeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    public void getDevice(GetDeviceRequest request, StreamObserver<Device> response) {
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
