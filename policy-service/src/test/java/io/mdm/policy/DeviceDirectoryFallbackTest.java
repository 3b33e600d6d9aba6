package io.mdm.policy;

import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.Platform;
import io.mdm.policy.persistence.DeviceRepository;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.mdm.policy.PolicyApi.PROBLEM;
import static io.mdm.policy.TestDevices.DEVICES;
import static io.mdm.policy.TestDevices.asDevice;
import static io.mdm.policy.TestDevices.asPerson;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A device no event has announced yet is asked for at the enrollment-service's device directory
 * (here {@link FakeDeviceDirectory}), and the answer is kept.
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(FakeDeviceDirectory.class)
class DeviceDirectoryFallbackTest {

    @Inject
    DeviceRepository devices;

    private static Map<String, Object> report() {
        return Map.of("osVersion", "17.4", "passcodeSet", true, "passcodeLength", 64, "encrypted", true,
                "workApps", List.of(), "reportedAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    @Test
    void aDeviceOnlyTheDirectoryKnowsIsAskedForAndKept() {
        String deviceId = FakeDeviceDirectory.CORPORATE_IOS;

        asPerson("alice").get(DEVICES + deviceId + "/effective-policy").then()
                .statusCode(200)
                .body("deviceId", equalTo(deviceId))
                .body("ownership", equalTo("CORPORATE"));

        Device kept = devices.find(deviceId).orElseThrow();
        assertEquals(FakeDeviceDirectory.CORPORATE_IOS_EMPLOYEE, kept.employeeId());
        assertEquals(Ownership.CORPORATE, kept.ownership());
        assertEquals(Platform.IOS, kept.platform());
        assertEquals(Device.Status.ACTIVE, kept.status());
        // Its owner (erin, E1001) may read it; another employee learns nothing.
        asPerson("erin").get(DEVICES + deviceId + "/effective-policy").then().statusCode(200);
        asPerson("ed").get(DEVICES + deviceId + "/effective-policy").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aPhoneReportingBeforeItsEnrolledEventArrivedIsEvaluated() {
        String deviceId = FakeDeviceDirectory.BYOD_ANDROID;

        asDevice(deviceId, FakeDeviceDirectory.BYOD_ANDROID_EMPLOYEE, "BYOD").body(report())
                .post(DEVICES + deviceId + "/compliance-reports").then()
                .statusCode(200)
                .body("status", notNullValue());

        assertEquals(Platform.ANDROID, devices.find(deviceId).orElseThrow().platform());
    }

    @Test
    void aDeviceTheDirectoryKnowsAsRetiredReportsNothingButItsPolicyStaysReadable() {
        String deviceId = FakeDeviceDirectory.RETIRED;

        asDevice(deviceId, FakeDeviceDirectory.RETIRED_EMPLOYEE, "BYOD").body(report())
                .post(DEVICES + deviceId + "/compliance-reports").then()
                .statusCode(409)
                .contentType(PROBLEM);
        asDevice(deviceId, FakeDeviceDirectory.RETIRED_EMPLOYEE, "BYOD").get(DEVICES + deviceId + "/effective-policy")
                .then()
                .statusCode(200)
                .body("ownership", equalTo("BYOD"));
        assertEquals(Device.Status.RETIRED, devices.find(deviceId).orElseThrow().status());
    }

    @Test
    void aDeviceNeitherHereNorInTheDirectoryIsNotFound() {
        String deviceId = TestDevices.newDeviceId();

        asPerson("alice").get(DEVICES + deviceId + "/effective-policy").then().statusCode(404).contentType(PROBLEM);
        asDevice(deviceId, "E1001", "BYOD").body(report()).post(DEVICES + deviceId + "/compliance-reports").then()
                .statusCode(404).contentType(PROBLEM);
    }
}
