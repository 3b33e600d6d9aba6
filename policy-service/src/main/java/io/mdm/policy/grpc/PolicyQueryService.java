package io.mdm.policy.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mdm.contracts.grpc.policy.v1.EffectivePolicy;
import io.mdm.contracts.grpc.policy.v1.GetEffectivePolicyRequest;
import io.mdm.contracts.grpc.policy.v1.PolicyQueryGrpc;
import io.mdm.policy.Device;
import io.mdm.policy.DeviceCatalog;
import io.mdm.policy.EffectivePolicies;
import io.mdm.policy.grpc.client.DirectoryUnavailableException;
import io.mdm.platform.grpc.ServiceCallers;
import io.mdm.platform.grpc.ServiceTokenInterceptor;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;

import java.util.Optional;
import java.util.Set;

/**
 * {@code mdm.policy.v1.PolicyQuery}: a device's effective policy for the other services, computed
 * on the call like the REST answer. A retired device still gets what would apply to it. Only the
 * services that need it may ask, each with its own service token (today the backup-service,
 * which checks uploads against the policy): what a device may do says much about its owner.
 */
@GrpcService
@Blocking
@RegisterInterceptor(ServiceTokenInterceptor.class)
public class PolicyQueryService extends PolicyQueryGrpc.PolicyQueryImplBase {

    /** The Keycloak clients of the services that may ask. */
    static final Set<String> CALLERS = Set.of("backup-service");

    private final ServiceCallers services;
    private final DeviceCatalog devices;
    private final EffectivePolicies effectivePolicies;

    public PolicyQueryService(ServiceCallers services, DeviceCatalog devices, EffectivePolicies effectivePolicies) {
        this.services = services;
        this.devices = devices;
        this.effectivePolicies = effectivePolicies;
    }

    @Override
    public void getEffectivePolicy(GetEffectivePolicyRequest request, StreamObserver<EffectivePolicy> response) {
        Optional<StatusRuntimeException> refusal = services.refusal(CALLERS);
        if (refusal.isPresent()) {
            response.onError(refusal.get());
            return;
        }
        String deviceId = request.getDeviceId();
        if (deviceId.isEmpty()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("device_id is required").asRuntimeException());
            return;
        }
        if (!Device.isWellFormedId(deviceId)) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("device_id is not a device id").asRuntimeException());
            return;
        }
        Optional<Device> device;
        try {
            device = devices.find(deviceId);
        } catch (DirectoryUnavailableException e) {
            response.onError(Status.UNAVAILABLE.withDescription("the device directory is unavailable; retry later")
                    .asRuntimeException());
            return;
        }
        if (device.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("unknown device").asRuntimeException());
            return;
        }
        response.onNext(EffectivePolicyMessages.of(effectivePolicies.of(device.get())));
        response.onCompleted();
    }
}
