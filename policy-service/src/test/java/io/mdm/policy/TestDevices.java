package io.mdm.policy;

import io.mdm.testkit.TestDeviceTokens;
import io.mdm.testkit.TestInfrastructure;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Devices for the device API tests: enrolled through real events, and calls as a device or a person. */
final class TestDevices {

    static final String DEVICES = "/api/v1/devices/";

    private TestDevices() {
    }

    /** A device id no one has used yet. */
    static String newDeviceId() {
        return UUID.randomUUID().toString();
    }

    /** An employee id no policy of another test targets. */
    static String newEmployeeId() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A well-formed app id no other test uses. */
    static String newAppId(String name) {
        return "org.t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "." + name;
    }

    /** Publishes the device's enrolled event and waits until the service knows the device. */
    static String enroll(String employeeId, String ownership, String platform) {
        String deviceId = newDeviceId();
        DeviceEventPublisher.publish(deviceId, DeviceEventPublisher.enrolled(deviceId, employeeId, ownership, platform,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        awaitKnown(deviceId);
        return deviceId;
    }

    /** Waits until the effective policy of the device can be read, which needs the device to be known. */
    static void awaitKnown(String deviceId) {
        Eventually.await("device " + deviceId + " known",
                () -> asPerson("alice").get(DEVICES + deviceId + "/effective-policy").statusCode(),
                status -> status == 200);
    }

    static RequestSpecification asPerson(String user) {
        return RestAssured.given().auth().oauth2(TestInfrastructure.get().realm().tokenFor(user))
                .contentType(ContentType.JSON);
    }

    static RequestSpecification asDevice(String deviceId, String employeeId, String ownership) {
        return RestAssured.given()
                .auth().oauth2(TestDeviceTokens.get().tokenFor(deviceId, employeeId, ownership))
                .contentType(ContentType.JSON);
    }

    /** A policy body for a BYOD and/or CORPORATE target narrowed to the given employees. */
    static Map<String, Object> targetedPolicy(String name, List<String> ownership, List<String> employeeIds,
                                              Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("target", Map.of("ownership", ownership, "employeeIds", employeeIds));
        body.put("settings", settings);
        return body;
    }
}
