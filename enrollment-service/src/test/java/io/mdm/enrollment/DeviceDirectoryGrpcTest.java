package io.mdm.enrollment;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class DeviceDirectoryGrpcTest {

    @GrpcClient("device-directory")
    DeviceDirectoryGrpc.DeviceDirectoryBlockingStub directory;

    @Test
    void directoryAnswersWhatOtherServicesMayKnowAndNoSecret() {
        String invitation = RestAssured.given().auth().oauth2(TestInfrastructure.get().realm().tokenFor("alice"))
                .contentType(ContentType.JSON).body(Map.of("employeeId", "E1002", "ownership", "CORPORATE"))
                .post("/api/v1/invitations").then().statusCode(201).extract().path("token");
        int notice = RestAssured.given().get("/api/v1/privacy-notices/CORPORATE").then().extract().path("version");
        String deviceId = RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("invitationToken", invitation, "platform", "ANDROID", "osVersion", "15", "model", "Galaxy",
                        "agentVersion", "2.0.0", "acceptedNoticeVersion", notice, "consent", true))
                .post("/api/v1/enrollments").then().statusCode(201).extract().path("deviceId");

        Device device = directory.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build());

        assertEquals(deviceId, device.getDeviceId());
        assertEquals("E1002", device.getEmployeeId());
        assertEquals(Ownership.CORPORATE, device.getOwnership());
        assertEquals(DeviceStatus.ACTIVE, device.getStatus());
        assertEquals(notice, device.getNoticeVersion());
        assertFalse(device.toString().toLowerCase().contains("secret"));
    }

    @Test
    void unknownDeviceIsNotFound() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> directory.getDevice(GetDeviceRequest.newBuilder().setDeviceId(UUID.randomUUID().toString()).build()));
        assertEquals(Status.Code.NOT_FOUND, refused.getStatus().getCode());
    }
}
