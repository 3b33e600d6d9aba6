package io.mdm.enrollment;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.mdm.contracts.grpc.enrollment.v1.Device;
import io.mdm.contracts.grpc.enrollment.v1.DeviceDirectoryGrpc;
import io.mdm.contracts.grpc.enrollment.v1.DeviceStatus;
import io.mdm.contracts.grpc.enrollment.v1.GetDeviceRequest;
import io.mdm.contracts.grpc.enrollment.v1.Ownership;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * DeviceDirectory as the policy-service calls it, with its own client-credentials token from the
 * real Keycloak; any other caller is refused before a device is looked up.
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class DeviceDirectoryGrpcTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient("device-directory")
    DeviceDirectoryGrpc.DeviceDirectoryBlockingStub directory;

    @Test
    void directoryAnswersWhatOtherServicesMayKnowAndNoSecret() {
        String deviceId = enrollCorporatePhoneOf("E1002");
        int notice = RestAssured.given().get("/api/v1/privacy-notices/CORPORATE").then().extract().path("version");

        Device device = as(policyServiceToken()).getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build());

        assertEquals(deviceId, device.getDeviceId());
        assertEquals("E1002", device.getEmployeeId());
        assertEquals(Ownership.CORPORATE, device.getOwnership());
        assertEquals(DeviceStatus.ACTIVE, device.getStatus());
        assertEquals(notice, device.getNoticeVersion());
        assertFalse(device.toString().toLowerCase().contains("secret"));
    }

    @Test
    void unknownDeviceIsNotFound() {
        assertEquals(Status.Code.NOT_FOUND, refusal(policyServiceToken(), UUID.randomUUID().toString()));
    }

    @Test
    void aCallWithoutAServiceTokenIsUnauthenticated() {
        assertEquals(Status.Code.UNAUTHENTICATED, refusal(null, enrollCorporatePhoneOf("E1002")));
    }

    @Test
    void aForgedServiceTokenIsUnauthenticated() {
        String token = policyServiceToken();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertEquals(Status.Code.UNAUTHENTICATED, refusal(forged, enrollCorporatePhoneOf("E1002")));
    }

    @Test
    void anotherServiceIsRefused() {
        String backupService = TestInfrastructure.get().realm()
                .clientCredentialsToken("backup-service", "backup-service-local-secret");

        assertEquals(Status.Code.PERMISSION_DENIED, refusal(backupService, enrollCorporatePhoneOf("E1002")));
    }

    @Test
    void aPersonIsRefusedEvenAnAdministrator() {
        String alice = TestInfrastructure.get().realm().tokenFor("alice");

        assertEquals(Status.Code.PERMISSION_DENIED, refusal(alice, enrollCorporatePhoneOf("E1002")));
    }

    private Status.Code refusal(String serviceToken, String deviceId) {
        return assertThrows(StatusRuntimeException.class,
                () -> as(serviceToken).getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()))
                .getStatus().getCode();
    }

    /** The directory stub presenting {@code serviceToken} as the calling service's bearer token, or none when null. */
    private DeviceDirectoryGrpc.DeviceDirectoryBlockingStub as(String serviceToken) {
        if (serviceToken == null) {
            return directory;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + serviceToken);
        return directory.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static String policyServiceToken() {
        return TestInfrastructure.get().realm().clientCredentialsToken("policy-service", "policy-service-local-secret");
    }

    private static String enrollCorporatePhoneOf(String employeeId) {
        String invitation = RestAssured.given().auth().oauth2(TestInfrastructure.get().realm().tokenFor("alice"))
                .contentType(ContentType.JSON).body(Map.of("employeeId", employeeId, "ownership", "CORPORATE"))
                .post("/api/v1/invitations").then().statusCode(201).extract().path("token");
        int notice = RestAssured.given().get("/api/v1/privacy-notices/CORPORATE").then().extract().path("version");
        return RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("invitationToken", invitation, "platform", "ANDROID", "osVersion", "15", "model", "Galaxy",
                        "agentVersion", "2.0.0", "acceptedNoticeVersion", notice, "consent", true))
                .post("/api/v1/enrollments").then().statusCode(201).extract().path("deviceId");
    }
}
