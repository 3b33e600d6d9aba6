package io.mdm.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compliance reports of a phone, evaluated against its effective policy. Each test enrolls its own
 * device for an employee of its own and targets a policy at her: passcode of at least 8, Android 14,
 * one blocked and one required work app. The report that meets the policy is derived from the
 * effective policy the service answers, because other test classes add policies for every BYOD phone.
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class ComplianceTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    /** An enrolled device under this test's policy, and a report that meets its effective policy. */
    private record Phone(String deviceId, String employeeId, String blockedApp, String requiredApp,
                         Map<String, Object> goodReport) {

        RequestSpecification itself() {
            return asDevice(deviceId, employeeId, "BYOD");
        }

        @SuppressWarnings("unchecked")
        List<String> workApps() {
            return (List<String>) goodReport.get("workApps");
        }

        Map<String, Object> goodReportWith(Consumer<Map<String, Object>> change) {
            Map<String, Object> report = new HashMap<>(goodReport);
            change.accept(report);
            return report;
        }
    }

    private static Phone enrolledPhone(String employeeId) {
        String blocked = newAppId("blocked");
        String required = newAppId("required");
        String deviceId = TestDevices.enroll(employeeId, "BYOD", "ANDROID");
        create(targetedPolicy("Compliance test", List.of("BYOD"), List.of(employeeId), Map.of(
                "passcode", Map.of("required", true, "minLength", 8),
                "os", Map.of("minAndroidVersion", "14"),
                "workApps", Map.of("blocked", List.of(blocked), "required", List.of(required)))));
        JsonPath effective = asPerson("alice").get(DEVICES + deviceId + "/effective-policy").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> good = new HashMap<>();
        good.put("osVersion", effective.getString("settings.os.minAndroidVersion"));
        good.put("passcodeSet", true);
        good.put("passcodeLength", effective.getInt("settings.passcode.minLength"));
        good.put("encrypted", true);
        good.put("workApps", effective.getList("settings.workApps.required", String.class));
        good.put("reportedAt", now().toString());
        return new Phone(deviceId, employeeId, blocked, required, good);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String reports(String deviceId) {
        return DEVICES + deviceId + "/compliance-reports";
    }

    private static String compliance(String deviceId) {
        return DEVICES + deviceId + "/compliance";
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("blocked-app-installed", (PhoneChange) (phone, report) -> {
                    List<String> apps = new ArrayList<>(phone.workApps());
                    apps.add(phone.blockedApp());
                    report.put("workApps", apps);
                }),
                Arguments.of("required-app-missing", (PhoneChange) (phone, report) -> report.put("workApps",
                        phone.workApps().stream().filter(app -> !app.equals(phone.requiredApp())).toList())),
                Arguments.of("passcode-too-short", (PhoneChange) (phone, report) ->
                        report.put("passcodeLength", (Integer) phone.goodReport().get("passcodeLength") - 1)),
                Arguments.of("os-too-old", (PhoneChange) (phone, report) -> report.put("osVersion", "13")));
    }

    @FunctionalInterface
    interface PhoneChange {
        void apply(Phone phone, Map<String, Object> report);
    }

    @ParameterizedTest
    @MethodSource("brokenRules")
    void aReportThatBreaksOneRuleIsNonCompliantNamingThatRule(String rule, PhoneChange breakage) {
        Phone phone = enrolledPhone(newEmployeeId());
        phone.itself().body(phone.goodReport()).post(reports(phone.deviceId())).then()
                .statusCode(200)
                .body("status", equalTo("COMPLIANT"))
                .body("reasons", empty());

        phone.itself().body(phone.goodReportWith(report -> breakage.apply(phone, report)))
                .post(reports(phone.deviceId())).then()
                .statusCode(200)
                .body("status", equalTo("NON_COMPLIANT"))
                .body("reasons.rule", contains(rule))
                .body("reasons[0].message", notNullValue());
    }

    @Test
    void onlyAChangeOfStatusEmitsAnEventWithRuleIdsOnly() {
        Phone phone = enrolledPhone(newEmployeeId());
        Map<String, Object> shortPasscode = phone.goodReportWith(report ->
                report.put("passcodeLength", (Integer) phone.goodReport().get("passcodeLength") - 1));

        try (TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.POLICY)) {
            phone.itself().body(shortPasscode).post(reports(phone.deviceId())).then()
                    .statusCode(200).body("status", equalTo("NON_COMPLIANT"));
            phone.itself().body(phone.goodReport()).post(reports(phone.deviceId())).then()
                    .statusCode(200).body("status", equalTo("COMPLIANT"));
            phone.itself().body(phone.goodReport()).post(reports(phone.deviceId())).then()
                    .statusCode(200).body("status", equalTo("COMPLIANT"));
            // A change after the repeated report: the relay publishes a device's events in order, so
            // once this one is read, an event of the repeated report would have been read before it.
            phone.itself().body(shortPasscode).post(reports(phone.deviceId())).then()
                    .statusCode(200).body("status", equalTo("NON_COMPLIANT"));

            reader.await(event -> isComplianceChangeOf(event, phone.deviceId())
                    && "COMPLIANT".equals(event.data().path("previousStatus").asText(null)), EVENT_WAIT);
            List<TopicReader.Event> changes = reader.seen().stream()
                    .filter(event -> isComplianceChangeOf(event, phone.deviceId())).toList();

            assertEquals(List.of("NON_COMPLIANT", "COMPLIANT", "NON_COMPLIANT"),
                    changes.stream().map(event -> event.data().path("status").asText()).toList());
            assertEquals(List.of("null", "NON_COMPLIANT", "COMPLIANT"),
                    changes.stream().map(event -> event.data().path("previousStatus").asText("null")).toList());
            JsonNode first = changes.getFirst().data();
            assertEquals(phone.deviceId(), changes.getFirst().key());
            assertEquals(phone.employeeId(), first.path("employeeId").asText());
            assertEquals(List.of("passcode-too-short"), texts(first.path("reasons")));
            assertTrue(texts(changes.get(1).data().path("reasons")).isEmpty());
            Set<String> fields = new TreeSet<>();
            first.fieldNames().forEachRemaining(fields::add);
            assertEquals(Set.of("deviceId", "employeeId", "status", "previousStatus", "reasons", "evaluatedAt"), fields,
                    "nothing the phone reported beyond rule ids");
        }
    }

    private static boolean isComplianceChangeOf(TopicReader.Event event, String deviceId) {
        return EventTypes.COMPLIANCE_CHANGED.equals(event.type()) && deviceId.equals(event.key());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"personalApps", "location"})
    void aReportCannotCarryPersonalData(String field) {
        Phone phone = enrolledPhone(newEmployeeId());
        Object personal = field.equals("location") ? Map.of("lat", 52.52, "lon", 13.40) : List.of("com.whatsapp");

        phone.itself().body(phone.goodReportWith(report -> report.put(field, personal)))
                .post(reports(phone.deviceId())).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains(field))
                .body("violations[0].rule", equalTo("unknown-field"));
        phone.itself().body(phone.goodReport()).post(reports(phone.deviceId())).then().statusCode(200);
    }

    @Test
    void everyFieldOfAReportIsChecked() {
        String deviceId = newDeviceId();
        Map<String, Object> report = new HashMap<>();
        report.put("osVersion", "fourteen");
        report.put("passcodeLength", 0);
        report.put("workApps", List.of("not an app id"));
        report.put("reportedAt", now().plus(10, ChronoUnit.MINUTES).toString());

        asDevice(deviceId, "E1001", "BYOD").body(report).post(reports(deviceId)).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", containsInAnyOrder("osVersion", "passcodeSet", "passcodeLength", "encrypted",
                        "workApps[0]", "reportedAt"));
    }

    @Test
    void aReportListsAtMost500WorkAppsAndMayBeAFewMinutesAhead() {
        Phone phone = enrolledPhone(newEmployeeId());
        List<String> tooMany = IntStream.rangeClosed(1, 501).mapToObj(i -> "org.example.app" + i).toList();

        phone.itself().body(phone.goodReportWith(report -> report.put("workApps", tooMany)))
                .post(reports(phone.deviceId())).then()
                .statusCode(400)
                .body("violations.field", contains("workApps"))
                .body("violations[0].rule", equalTo("too-many-apps"));
        phone.itself().body(phone.goodReportWith(report ->
                        report.put("reportedAt", now().plus(4, ChronoUnit.MINUTES).toString())))
                .post(reports(phone.deviceId())).then()
                .statusCode(200)
                .body("status", equalTo("COMPLIANT"));
    }

    @Test
    void onlyTheDeviceItselfReports() {
        Phone phone = enrolledPhone("E1001");

        asPerson("alice").body(phone.goodReport()).post(reports(phone.deviceId())).then()
                .statusCode(403).contentType(PROBLEM);
        asPerson("erin").body(phone.goodReport()).post(reports(phone.deviceId())).then()
                .statusCode(403).contentType(PROBLEM);
        asDevice(newDeviceId(), "E1001", "BYOD").body(phone.goodReport()).post(reports(phone.deviceId())).then()
                .statusCode(403).contentType(PROBLEM);
        phone.itself().body(phone.goodReport()).post(reports(phone.deviceId())).then().statusCode(200);
    }

    @Test
    void theLatestEvaluationIsReadByAdminsAndTheOwningEmployee() {
        Phone phone = enrolledPhone("E1001");
        asPerson("alice").get(compliance(phone.deviceId())).then().statusCode(404).contentType(PROBLEM);

        phone.itself().body(phone.goodReportWith(report -> report.put("osVersion", "13")))
                .post(reports(phone.deviceId())).then().statusCode(200);

        for (String reader : List.of("alice", "erin")) {
            asPerson(reader).get(compliance(phone.deviceId())).then()
                    .statusCode(200)
                    .body("deviceId", equalTo(phone.deviceId()))
                    .body("status", equalTo("NON_COMPLIANT"))
                    .body("reasons.rule", contains("os-too-old"))
                    .body("reportedAt", equalTo(phone.goodReport().get("reportedAt")));
        }
        asPerson("ed").get(compliance(phone.deviceId())).then().statusCode(404).contentType(PROBLEM);
        asPerson("carol").get(compliance(phone.deviceId())).then().statusCode(403).contentType(PROBLEM);
        phone.itself().get(compliance(phone.deviceId())).then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void anOlderReportIsAnsweredButDoesNotReplaceTheLatest() {
        Phone phone = enrolledPhone(newEmployeeId());
        phone.itself().body(phone.goodReport()).post(reports(phone.deviceId())).then()
                .statusCode(200).body("status", equalTo("COMPLIANT"));

        phone.itself().body(phone.goodReportWith(report -> {
                    report.put("osVersion", "13");
                    report.put("reportedAt", now().minus(1, ChronoUnit.HOURS).toString());
                }))
                .post(reports(phone.deviceId())).then()
                .statusCode(200)
                .body("status", equalTo("NON_COMPLIANT"));

        asPerson("alice").get(compliance(phone.deviceId())).then()
                .statusCode(200)
                .body("status", equalTo("COMPLIANT"))
                .body("reportedAt", equalTo(phone.goodReport().get("reportedAt")));
    }
}
