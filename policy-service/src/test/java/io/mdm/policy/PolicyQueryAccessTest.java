package io.mdm.policy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdm.contracts.grpc.policy.v1.EffectivePolicy;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.mdm.policy.TestDevices.newEmployeeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Who may ask PolicyQuery: only the backup-service, with its own client-credentials token from
 * the real Keycloak. Every other caller gets an error for a device that exists, so a refusal
 * tells nothing about the device either.
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class PolicyQueryAccessTest {

    @Test
    void theBackupServiceGetsTheEffectivePolicy() {
        String deviceId = TestDevices.enroll(newEmployeeId(), "BYOD", "ANDROID");

        try (PolicyQueryChannel grpc = new PolicyQueryChannel()) {
            EffectivePolicy policy = grpc.effectivePolicy(PolicyQueryChannel.backupServiceToken(), deviceId);

            assertEquals(deviceId, policy.getDeviceId());
        }
    }

    @Test
    void aCallWithoutAServiceTokenIsUnauthenticated() {
        String deviceId = TestDevices.enroll(newEmployeeId(), "BYOD", "ANDROID");

        assertEquals(Status.Code.UNAUTHENTICATED, refusal(null, deviceId));
    }

    @Test
    void aForgedServiceTokenIsUnauthenticated() {
        String deviceId = TestDevices.enroll(newEmployeeId(), "BYOD", "ANDROID");
        String token = PolicyQueryChannel.backupServiceToken();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertEquals(Status.Code.UNAUTHENTICATED, refusal(forged, deviceId));
    }

    @Test
    void anotherServiceIsRefused() {
        String deviceId = TestDevices.enroll(newEmployeeId(), "BYOD", "ANDROID");
        String policyService = TestInfrastructure.get().realm()
                .clientCredentialsToken("policy-service", "policy-service-local-secret");

        assertEquals(Status.Code.PERMISSION_DENIED, refusal(policyService, deviceId));
    }

    @Test
    void aPersonIsRefusedEvenAnAdministrator() {
        String deviceId = TestDevices.enroll(newEmployeeId(), "BYOD", "ANDROID");

        assertEquals(Status.Code.PERMISSION_DENIED, refusal(TestInfrastructure.get().realm().tokenFor("alice"), deviceId));
    }

    private static Status.Code refusal(String serviceToken, String deviceId) {
        try (PolicyQueryChannel grpc = new PolicyQueryChannel()) {
            return assertThrows(StatusRuntimeException.class, () -> grpc.effectivePolicy(serviceToken, deviceId))
                    .getStatus().getCode();
        }
    }
}
