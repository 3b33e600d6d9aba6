package io.mdm.policy;

import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.mdm.policy.PolicyApi.POLICIES;
import static io.mdm.policy.PolicyApi.PROBLEM;
import static io.mdm.policy.PolicyApi.as;
import static io.mdm.policy.PolicyApi.create;
import static io.mdm.policy.PolicyApi.listedIds;
import static io.mdm.policy.PolicyApi.policy;
import static io.mdm.policy.PolicyApi.storyPolicy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class PolicyResourceTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    /** The fields principle 1 forbids on a personal phone, as paths inside {@code settings}. */
    private static final List<String> PERSONAL_DATA_FIELDS = List.of("telemetry.location",
            "telemetry.personalAppInventory", "telemetry.callLog", "telemetry.browsingHistory",
            "wipe.fullDeviceWipeAllowed");

    private static TopicReader policyTopic() {
        return new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.POLICY);
    }

    /** {@code "telemetry.location"} as the settings {@code {"telemetry": {"location": true}}}. */
    private static Map<String, Object> switchedOn(String field) {
        String[] path = field.split("\\.");
        return Map.of(path[0], Map.of(path[1], true));
    }

    private static TopicReader.Event awaitEvent(TopicReader reader, String type, String policyId, int version) {
        return reader.await(event -> event.type().equals(type) && policyId.equals(event.key())
                && event.data().path("version").asInt() == version, EVENT_WAIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"telemetry.location", "telemetry.personalAppInventory", "telemetry.callLog",
            "telemetry.browsingHistory", "wipe.fullDeviceWipeAllowed"})
    void personalDataOrAFullWipeOnByodPhonesIsRefusedNamingTheFieldAndRule(String field) {
        as("alice").body(policy("BYOD asks for " + field, List.of("BYOD"), switchedOn(field)))
                .post(POLICIES).then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("status", equalTo(422))
                .body("violations.field", contains("settings." + field))
                .body("violations[0].rule", startsWith("byod-"))
                .body("violations[0].message", containsString("personal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"telemetry.location", "telemetry.personalAppInventory", "telemetry.callLog",
            "telemetry.browsingHistory", "wipe.fullDeviceWipeAllowed"})
    void theSameSettingOnCorporatePhonesOnlyIsAccepted(String field) {
        as("alice").body(policy("Corporate asks for " + field, List.of("CORPORATE"), switchedOn(field)))
                .post(POLICIES).then()
                .statusCode(201)
                .body("settings." + field, equalTo(true))
                .body("target.ownership", contains("CORPORATE"));
    }

    @Test
    void aPolicyForBothOwnershipsGetsOneViolationPerForbiddenField() {
        Map<String, Object> everything = Map.of(
                "telemetry", Map.of("location", true, "personalAppInventory", true, "callLog", true,
                        "browsingHistory", true),
                "wipe", Map.of("fullDeviceWipeAllowed", true));

        as("alice").body(policy("Everything everywhere", List.of("BYOD", "CORPORATE"), everything))
                .post(POLICIES).then()
                .statusCode(422)
                .body("violations.field", containsInAnyOrder(
                        PERSONAL_DATA_FIELDS.stream().map(field -> "settings." + field).toArray()))
                .body("violations.rule", everyItem(startsWith("byod-")));
    }

    @Test
    void telemetrySwitchedOffIsAllowedOnByodPhones() {
        as("alice").body(policy("Nothing collected", List.of("BYOD"), Map.of(
                        "telemetry", Map.of("location", false, "callLog", false),
                        "wipe", Map.of("fullDeviceWipeAllowed", false))))
                .post(POLICIES).then()
                .statusCode(201);
    }

    @Test
    void theStoryPolicyIsCreatedAsActiveVersionOneAndPublished() {
        try (TopicReader reader = policyTopic()) {
            var created = as("alice").body(storyPolicy(365)).post(POLICIES).then()
                    .statusCode(201)
                    .header("ETag", "\"1\"")
                    .body("version", equalTo(1))
                    .body("status", equalTo("ACTIVE"))
                    .body("name", equalTo("Work profile baseline"))
                    .body("description", equalTo("What every phone with work data must meet."))
                    .body("target.ownership", contains("BYOD"))
                    .body("target.employeeIds", empty())
                    .body("settings.passcode.required", equalTo(true))
                    .body("settings.passcode.minLength", equalTo(6))
                    .body("settings.messaging.approvedApps", contains("org.example.workchat"))
                    .body("settings.messaging.backupRequired", equalTo(true))
                    .body("settings.messaging.retentionDays", equalTo(365))
                    .body("settings.workApps.blocked", contains("com.whatsapp"))
                    .body("settings", not(hasKey("telemetry")))
                    .body("createdBy", equalTo("alice"))
                    .body("updatedBy", equalTo("alice"))
                    .extract();
            String id = created.path("id");
            assertTrue(created.header("Location").endsWith(POLICIES + "/" + id), created.header("Location"));
            String createdAt = created.path("createdAt");
            assertEquals(createdAt, created.path("updatedAt"));

            as("alice").get(POLICIES + "/" + id).then()
                    .statusCode(200)
                    .header("ETag", "\"1\"")
                    .body("id", equalTo(id))
                    .body("createdAt", equalTo(createdAt))
                    .body("settings.messaging.retentionDays", equalTo(365));

            TopicReader.Event event = awaitEvent(reader, EventTypes.POLICY_PUBLISHED, id, 1);
            assertEquals("application/cloudevents+json", event.contentType());
            assertEquals("/mdm/policy-service", event.cloudEvent().path("source").asText());
            assertEquals(id, event.cloudEvent().path("subject").asText());
            assertEquals(id, event.data().path("policyId").asText());
            assertEquals("Work profile baseline", event.data().path("name").asText());
            assertEquals("[\"BYOD\"]", event.data().path("targetOwnership").toString());
            assertEquals("[]", event.data().path("targetEmployeeIds").toString());
            assertEquals("alice", event.data().path("publishedBy").asText());
            assertEquals(Instant.parse(createdAt), Instant.parse(event.data().path("publishedAt").asText()));
            assertTrue(event.data().path("settings").isMissingNode(), "settings stay out of the event");
        }
    }

    @Test
    void anUpdateIsVersionTwoAndVersionOneStaysReadable() {
        try (TopicReader reader = policyTopic()) {
            String id = create(storyPolicy(365));
            String createdAt = as("alice").get(POLICIES + "/" + id).then().extract().path("createdAt");

            as("alice").body(storyPolicy(730)).put(POLICIES + "/" + id).then()
                    .statusCode(200)
                    .header("ETag", "\"2\"")
                    .body("id", equalTo(id))
                    .body("version", equalTo(2))
                    .body("status", equalTo("ACTIVE"))
                    .body("settings.messaging.retentionDays", equalTo(730))
                    .body("createdAt", equalTo(createdAt))
                    .body("createdBy", equalTo("alice"));

            as("alice").get(POLICIES + "/" + id).then()
                    .header("ETag", "\"2\"")
                    .body("version", equalTo(2))
                    .body("settings.messaging.retentionDays", equalTo(730));
            as("alice").get(POLICIES + "/" + id + "/versions/1").then()
                    .statusCode(200)
                    .header("ETag", "\"1\"")
                    .body("version", equalTo(1))
                    .body("settings.messaging.retentionDays", equalTo(365));
            as("alice").get(POLICIES + "/" + id + "/versions/2").then()
                    .statusCode(200)
                    .body("settings.messaging.retentionDays", equalTo(730));

            TopicReader.Event event = awaitEvent(reader, EventTypes.POLICY_PUBLISHED, id, 2);
            assertEquals("alice", event.data().path("publishedBy").asText());
        }
    }

    @Test
    void anArchivedPolicyStaysReadableAndIsNeverChangedAgain() {
        try (TopicReader reader = policyTopic()) {
            String id = create(storyPolicy(365));

            as("alice").delete(POLICIES + "/" + id).then()
                    .statusCode(204)
                    .header("ETag", "\"1\"");

            as("alice").get(POLICIES + "/" + id).then()
                    .statusCode(200)
                    .body("status", equalTo("ARCHIVED"))
                    .body("version", equalTo(1))
                    .body("archivedBy", equalTo("alice"))
                    .body("archivedAt", notNullValue())
                    .body("settings.messaging.retentionDays", equalTo(365));
            as("alice").get(POLICIES + "/" + id + "/versions/1").then()
                    .statusCode(200)
                    .body("status", equalTo("ARCHIVED"));
            TopicReader.Event event = awaitEvent(reader, EventTypes.POLICY_ARCHIVED, id, 1);
            assertEquals("alice", event.data().path("archivedBy").asText());

            as("alice").body(storyPolicy(30)).put(POLICIES + "/" + id).then()
                    .statusCode(409)
                    .contentType(PROBLEM);
            as("alice").delete(POLICIES + "/" + id).then()
                    .statusCode(409)
                    .contentType(PROBLEM);
            as("alice").get(POLICIES + "/" + id).then().body("version", equalTo(1));
            assertTrue(listedIds("ARCHIVED", 500).contains(id));
            assertFalse(listedIds("ACTIVE", 500).contains(id));
        }
    }

    @Test
    void ifMatchMustNameTheCurrentVersion() {
        String id = create(storyPolicy(365));

        as("alice").header("If-Match", "\"7\"").body(storyPolicy(30)).put(POLICIES + "/" + id).then()
                .statusCode(412)
                .contentType(PROBLEM)
                .body("type", endsWith("precondition-failed"));
        as("alice").get(POLICIES + "/" + id).then().body("version", equalTo(1));

        as("alice").header("If-Match", "\"1\"").body(storyPolicy(30)).put(POLICIES + "/" + id).then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        as("alice").header("If-Match", "\"1\"").body(storyPolicy(60)).put(POLICIES + "/" + id).then()
                .statusCode(412);
        as("alice").header("If-Match", "2").body(storyPolicy(60)).put(POLICIES + "/" + id).then()
                .statusCode(400)
                .body("violations.field", contains("If-Match"));

        as("alice").header("If-Match", "\"1\"").delete(POLICIES + "/" + id).then().statusCode(412);
        as("alice").get(POLICIES + "/" + id).then().body("status", equalTo("ACTIVE"));
        as("alice").header("If-Match", "\"2\"").delete(POLICIES + "/" + id).then()
                .statusCode(204)
                .header("ETag", "\"2\"");
    }

    static Stream<Arguments> badPolicies() {
        String target = "{\"ownership\": [\"BYOD\"]}";
        return Stream.of(
                Arguments.of(body(target, "{\"passcode\": {\"minLength\": 3}}"), "settings.passcode.minLength"),
                Arguments.of(body(target, "{\"messaging\": {\"retentionDays\": 0}}"), "settings.messaging.retentionDays"),
                Arguments.of(body(target, "{\"workApps\": {\"blocked\": [\"not an app\"]}}"),
                        "settings.workApps.blocked[0]"),
                Arguments.of(body(target, "{\"telemetry\": {\"imei\": true}}"), "settings.telemetry.imei"),
                Arguments.of(body(target, "{\"passcode\": {\"minLength\": \"six\"}}"), "settings.passcode.minLength"),
                Arguments.of(body(target, "{\"passcode\": true}"), "settings.passcode"),
                Arguments.of(body(target, "{\"messaging\": {\"approvedApps\": \"org.example.workchat\"}}"),
                        "settings.messaging.approvedApps"),
                Arguments.of(body("{\"ownership\": []}", "{}"), "target.ownership"),
                Arguments.of(body("{\"ownership\": [\"SHARED\"]}", "{}"), "target.ownership"),
                Arguments.of(body(target, "null"), "settings"),
                Arguments.of("{\"target\": " + target + ", \"settings\": {}}", "name"),
                Arguments.of("{\"name\": \"Broken\", \"target\": ", null),
                Arguments.of("[]", null),
                Arguments.of(body("{\"ownership\": [\"BYOD\"], \"employeeIds\": [null]}", "{}"), null));
    }

    private static String body(String target, String settings) {
        return "{\"name\": \"Bad input\", \"target\": " + target + ", \"settings\": " + settings + "}";
    }

    @ParameterizedTest
    @MethodSource("badPolicies")
    void badInputIsA400ProblemNamingTheField(String json, String field) {
        var response = as("alice").body(json).post(POLICIES).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body(not(containsString("Exception")));
        if (field != null) {
            response.body("violations.field", hasItem(startsWith(field)));
        }
    }

    @Test
    void aBadUpdateIsA400AndChangesNothing() {
        String id = create(storyPolicy(365));

        as("alice").body(body("{\"ownership\": [\"BYOD\"]}", "{\"passcode\": {\"minLength\": 3}}"))
                .put(POLICIES + "/" + id).then()
                .statusCode(400)
                .body("violations.field", contains("settings.passcode.minLength"));
        as("alice").body(policy("Spy", List.of("BYOD"), switchedOn("telemetry.callLog")))
                .put(POLICIES + "/" + id).then()
                .statusCode(422)
                .body("violations.field", contains("settings.telemetry.callLog"));
        as("alice").get(POLICIES + "/" + id).then().body("version", equalTo(1));
    }

    @Test
    void aPostWithoutABodyIsA400() {
        as("alice").post(POLICIES).then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void employeeIdsNarrowTheTargetAndComeBackSorted() {
        Map<String, Object> body = policy("Two employees", List.of("BYOD", "CORPORATE"), Map.of());
        body.put("target", Map.of("ownership", List.of("CORPORATE", "BYOD"), "employeeIds", List.of("E1002", "E1001")));

        as("alice").body(body).post(POLICIES).then()
                .statusCode(201)
                .body("target.ownership", contains("BYOD", "CORPORATE"))
                .body("target.employeeIds", contains("E1001", "E1002"))
                .body("settings", equalTo(Map.of()));
    }

    @Test
    void unknownPoliciesAndVersionsAre404() {
        String id = create(storyPolicy(365));
        String unknown = POLICIES + "/no-such-policy";

        as("alice").get(unknown).then().statusCode(404).contentType(PROBLEM);
        as("alice").body(storyPolicy(365)).put(unknown).then().statusCode(404).contentType(PROBLEM);
        as("alice").delete(unknown).then().statusCode(404).contentType(PROBLEM);
        as("alice").get(unknown + "/versions/1").then().statusCode(404).contentType(PROBLEM);
        for (String version : List.of("2", "0", "-1", "abc", "99999999999")) {
            as("alice").get(POLICIES + "/" + id + "/versions/" + version).then()
                    .statusCode(404)
                    .contentType(PROBLEM);
        }
    }

    @Test
    void theListIsPagedWithACursor() {
        List<String> created = List.of(create(storyPolicy(10)), create(storyPolicy(20)), create(storyPolicy(30)));

        JsonPath first = as("alice").queryParam("limit", 1).get(POLICIES).then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        JsonPath second = as("alice").queryParam("limit", 1).queryParam("cursor", first.getString("nextCursor"))
                .get(POLICIES).then()
                .statusCode(200)
                .body("items", hasSize(1))
                .extract().jsonPath();
        assertNotEquals(first.getString("items[0].id"), second.getString("items[0].id"));

        List<String> all = listedIds(null, 3);
        assertEquals(all.size(), new HashSet<>(all).size(), "no policy is listed twice");
        List<String> ours = all.stream().filter(created::contains).toList();
        assertEquals(created, ours, "policies are listed in creation order");
        assertEquals(all, listedIds(null, 500), "the page size does not change the order");
    }

    @Test
    void theLastPageHasNoCursorAndItemsAreLatestVersions() {
        String id = create(storyPolicy(10));
        as("alice").body(storyPolicy(11)).put(POLICIES + "/" + id).then().statusCode(200);

        JsonPath page = as("alice").queryParam("limit", 500).queryParam("status", "ACTIVE").get(POLICIES).then()
                .statusCode(200)
                .body("nextCursor", nullValue())
                .body("items.status", everyItem(equalTo("ACTIVE")))
                .extract().jsonPath();
        assertEquals(2, page.getInt("items.find { it.id == '" + id + "' }.version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=501", "limit=abc", "status=DELETED", "cursor=not-a-cursor"})
    void badListParametersAreA400NamingTheParameter(String parameter) {
        String name = parameter.substring(0, parameter.indexOf('='));
        as("alice").get(POLICIES + "?" + parameter).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", contains(name));
    }
}
