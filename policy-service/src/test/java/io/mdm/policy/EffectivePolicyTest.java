package io.mdm.policy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdm.contracts.grpc.enrollment.v1.Ownership;
import io.mdm.contracts.grpc.policy.v1.EffectivePolicy;
import io.mdm.contracts.grpc.policy.v1.PolicySettings;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.mdm.policy.PolicyApi.POLICIES;
import static io.mdm.policy.PolicyApi.PROBLEM;
import static io.mdm.policy.PolicyApi.create;
import static io.mdm.policy.TestDevices.DEVICES;
import static io.mdm.policy.TestDevices.asDevice;
import static io.mdm.policy.TestDevices.asPerson;
import static io.mdm.policy.TestDevices.newAppId;
import static io.mdm.policy.TestDevices.newDeviceId;
import static io.mdm.policy.TestDevices.newEmployeeId;
import static io.mdm.policy.TestDevices.targetedPolicy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The effective policy of a device over REST and gRPC. Other test classes create policies for
 * every BYOD or CORPORATE phone, so assertions are about what this test's own policies (targeted
 * at an employee id of its own) add, never about the whole answer.
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class EffectivePolicyTest {

    private static String effectivePolicyOf(String deviceId) {
        return DEVICES + deviceId + "/effective-policy";
    }

    private static Map<String, Object> source(String policyId, int version) {
        return Map.of("policyId", policyId, "version", version);
    }

    @Test
    void theDeviceGetsTheMergeOfEveryActivePolicyThatTargetsIt() {
        String employee = newEmployeeId();
        String deviceId = TestDevices.enroll(employee, "BYOD", "ANDROID");
        String chat = newAppId("chat");
        String mail = newAppId("mail");
        String notes = newAppId("notes");
        String game = newAppId("game");
        String casino = newAppId("casino");
        String corporateOnly = newAppId("corporate");
        String first = create(targetedPolicy("Merge one", List.of("BYOD"), List.of(employee), Map.of(
                "passcode", Map.of("required", true, "minLength", 10),
                "workApps", Map.of("allowed", List.of(chat, mail), "blocked", List.of(game)))));
        String second = create(targetedPolicy("Merge two", List.of("BYOD"), List.of(employee), Map.of(
                "passcode", Map.of("minLength", 12),
                "workApps", Map.of("allowed", List.of(mail, notes), "blocked", List.of(casino)))));
        String notForByod = create(targetedPolicy("Corporate phones", List.of("CORPORATE"), List.of(employee), Map.of(
                "workApps", Map.of("blocked", List.of(corporateOnly)))));

        asDevice(deviceId, employee, "BYOD").get(effectivePolicyOf(deviceId)).then()
                .statusCode(200)
                .body("deviceId", equalTo(deviceId))
                .body("ownership", equalTo("BYOD"))
                .body("settings.passcode.required", equalTo(true))
                .body("settings.passcode.minLength", greaterThanOrEqualTo(12))
                .body("settings.workApps.allowed", contains(mail))
                .body("settings.workApps.blocked", hasItems(game, casino))
                .body("settings.workApps.blocked", not(hasItem(corporateOnly)))
                .body("sources", hasItems(source(first, 1), source(second, 1)))
                .body("sources.policyId", not(hasItem(notForByod)));
    }

    @Test
    void theDeviceItselfAdminsAndTheOwningEmployeeMayReadAndNoOneElse() {
        String deviceId = TestDevices.enroll("E1001", "BYOD", "ANDROID");
        String path = effectivePolicyOf(deviceId);

        asDevice(deviceId, "E1001", "BYOD").get(path).then().statusCode(200).body("deviceId", equalTo(deviceId));
        asPerson("erin").get(path).then().statusCode(200).body("deviceId", equalTo(deviceId));
        asPerson("alice").get(path).then().statusCode(200).body("deviceId", equalTo(deviceId));

        // Erin's other phone: same employee in its token, still not this device.
        asDevice(newDeviceId(), "E1001", "BYOD").get(path).then().statusCode(403).contentType(PROBLEM);
        asPerson("ed").get(path).then().statusCode(404).contentType(PROBLEM);
        asPerson("carol").get(path).then().statusCode(403).contentType(PROBLEM);
        RestAssured.given().get(path).then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void aDeviceNoOneIssuedIsNotFound() {
        String unknown = newDeviceId();

        asPerson("alice").get(effectivePolicyOf(unknown)).then().statusCode(404).contentType(PROBLEM);
        asPerson("alice").get(effectivePolicyOf("not a device id")).then().statusCode(404).contentType(PROBLEM);
        try (PolicyQueryChannel grpc = new PolicyQueryChannel()) {
            StatusRuntimeException notFound = assertThrows(StatusRuntimeException.class, () -> grpc.effectivePolicy(unknown));
            assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());
            StatusRuntimeException empty = assertThrows(StatusRuntimeException.class, () -> grpc.effectivePolicy(""));
            assertEquals(Status.Code.INVALID_ARGUMENT, empty.getStatus().getCode());
        }
    }

    @Test
    void anUpdatedOrArchivedPolicyChangesTheEffectivePolicyOnTheNextReadOverRestAndGrpc() {
        String employee = newEmployeeId();
        String deviceId = TestDevices.enroll(employee, "CORPORATE", "IOS");
        String before = newAppId("before");
        String after = newAppId("after");
        String policyId = create(targetedPolicy("Changing", List.of("CORPORATE"), List.of(employee), Map.of(
                "workApps", Map.of("blocked", List.of(before)))));

        try (PolicyQueryChannel grpc = new PolicyQueryChannel()) {
            asPerson("alice").get(effectivePolicyOf(deviceId)).then()
                    .statusCode(200)
                    .body("settings.workApps.blocked", hasItem(before))
                    .body("sources", hasItem(source(policyId, 1)));
            EffectivePolicy first = grpc.effectivePolicy(deviceId);
            assertTrue(first.getSettings().getWorkApps().getBlockedList().contains(before));
            assertTrue(first.getSourcesList().stream()
                    .anyMatch(s -> s.getPolicyId().equals(policyId) && s.getVersion() == 1));

            asPerson("alice").body(targetedPolicy("Changing", List.of("CORPORATE"), List.of(employee), Map.of(
                    "workApps", Map.of("blocked", List.of(after))))).put(POLICIES + "/" + policyId).then().statusCode(200);

            asPerson("alice").get(effectivePolicyOf(deviceId)).then()
                    .statusCode(200)
                    .body("settings.workApps.blocked", hasItem(after))
                    .body("settings.workApps.blocked", not(hasItem(before)))
                    .body("sources", hasItem(source(policyId, 2)));
            EffectivePolicy updated = grpc.effectivePolicy(deviceId);
            assertTrue(updated.getSettings().getWorkApps().getBlockedList().contains(after));
            assertFalse(updated.getSettings().getWorkApps().getBlockedList().contains(before));
            assertTrue(updated.getSourcesList().stream()
                    .anyMatch(s -> s.getPolicyId().equals(policyId) && s.getVersion() == 2));

            asPerson("alice").delete(POLICIES + "/" + policyId).then().statusCode(204);

            asPerson("alice").get(effectivePolicyOf(deviceId)).then()
                    .statusCode(200)
                    .body("sources.policyId", not(hasItem(policyId)));
            EffectivePolicy archived = grpc.effectivePolicy(deviceId);
            assertFalse(archived.getSourcesList().stream().anyMatch(s -> s.getPolicyId().equals(policyId)));
            assertFalse(archived.getSettings().getWorkApps().getBlockedList().contains(after));
        }
    }

    @Test
    void grpcAnswersWhatRestAnswersAndLeavesAbsentSettingsUnset() {
        String employee = newEmployeeId();
        String deviceId = TestDevices.enroll(employee, "BYOD", "IOS");
        create(targetedPolicy("Passcode length only", List.of("BYOD"), List.of(employee), Map.of(
                "passcode", Map.of("minLength", 9), "os", Map.of("minIosVersion", "17.4"))));

        JsonPath rest = asPerson("alice").get(effectivePolicyOf(deviceId)).then().statusCode(200).extract().jsonPath();
        EffectivePolicy message;
        try (PolicyQueryChannel grpc = new PolicyQueryChannel()) {
            message = grpc.effectivePolicy(deviceId);
        }

        assertEquals(deviceId, message.getDeviceId());
        assertEquals(Ownership.BYOD, message.getOwnership());
        assertEquals(rest.getList("sources.policyId"),
                message.getSourcesList().stream().map(s -> s.getPolicyId()).toList());
        Map<String, Object> settings = rest.getMap("settings");
        PolicySettings grpcSettings = message.getSettings();
        assertEquals(settings.containsKey("passcode"), grpcSettings.hasPasscode());
        assertEquals(settings.containsKey("os"), grpcSettings.hasOs());
        assertEquals(settings.containsKey("workApps"), grpcSettings.hasWorkApps());
        assertEquals(settings.containsKey("messaging"), grpcSettings.hasMessaging());
        assertEquals(settings.containsKey("dataSharing"), grpcSettings.hasDataSharing());
        assertEquals(settings.containsKey("telemetry"), grpcSettings.hasTelemetry());
        assertEquals(settings.containsKey("wipe"), grpcSettings.hasWipe());
        assertEquals(rest.getInt("settings.passcode.minLength"), grpcSettings.getPasscode().getMinLength());
        assertEquals(rest.get("settings.passcode.required") != null, grpcSettings.getPasscode().hasRequired());
        assertEquals(rest.getString("settings.os.minIosVersion"), grpcSettings.getOs().getMinIosVersion());
        assertEquals(rest.get("settings.os.minAndroidVersion") != null, grpcSettings.getOs().hasMinAndroidVersion());
    }
}
