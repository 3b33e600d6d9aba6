package io.mdm.backup;

import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class LegalHoldResourceTest {

    private static final String HOLDS = "/api/v1/legal-holds";
    private static final String REASON = "Competition authority inspection of the sales team, file 2025-17";
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    private static String token(String user) {
        return TestInfrastructure.get().realm().tokenFor(user);
    }

    private static RequestSpecification as(String user) {
        return RestAssured.given().auth().oauth2(token(user)).contentType(ContentType.JSON);
    }

    /** An employee id no other test uses, so that lists filtered by it see only this test's holds. */
    private static String freshEmployee() {
        return "T-" + UUID.randomUUID();
    }

    private static Map<String, Object> hold(List<String> employeeIds, String caseReference) {
        return Map.of("employeeIds", employeeIds, "caseReference", caseReference, "reason", REASON);
    }

    private static String place(List<String> employeeIds) {
        return as("carol").body(hold(employeeIds, "CASE-" + UUID.randomUUID())).post(HOLDS).then()
                .statusCode(201).extract().path("id");
    }

    private static void release(String id) {
        as("carol").body(Map.of("reason", "The authority closed the case")).post(HOLDS + "/" + id + "/release")
                .then().statusCode(200);
    }

    private static TopicReader backupTopic() {
        return new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.BACKUP);
    }

    private static ValidatableResponse list(String query) {
        return as("carol").get(HOLDS + query).then().statusCode(200);
    }

    @Test
    void complianceOfficerPlacesAHoldAndTheEventCarriesNoReason() {
        String employee = freshEmployee();
        try (TopicReader reader = backupTopic()) {
            JsonPath placed = as("carol").body(hold(List.of(employee, "E1001"), "CASE-17")).post(HOLDS).then()
                    .statusCode(201)
                    .body("status", equalTo("ACTIVE"))
                    .body("employeeIds", contains(employee, "E1001"))
                    .body("caseReference", equalTo("CASE-17"))
                    .body("reason", equalTo(REASON))
                    .body("placedBy", equalTo("carol"))
                    .body("placedAt", notNullValue())
                    .body("releasedBy", nullValue())
                    .extract().jsonPath();
            String id = placed.getString("id");
            Instant placedAt = Instant.parse(placed.getString("placedAt"));

            as("carol").get(HOLDS + "/" + id).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("status", equalTo("ACTIVE"))
                    .body("reason", equalTo(REASON))
                    .body("placedAt", equalTo(placed.getString("placedAt")));

            TopicReader.Event event = reader.await(e -> e.type().equals(EventTypes.BACKUP_LEGAL_HOLD_PLACED)
                    && e.data().path("holdId").asText().equals(id), EVENT_TIMEOUT);
            assertEquals(id, event.key());
            assertEquals(id, event.cloudEvent().path("subject").asText());
            assertEquals("/mdm/backup-service", event.cloudEvent().path("source").asText());
            assertEquals("application/cloudevents+json", event.contentType());
            assertEquals(List.of(employee, "E1001"),
                    List.of(event.data().path("employeeIds").get(0).asText(), event.data().path("employeeIds").get(1).asText()));
            assertEquals(2, event.data().path("employeeIds").size());
            assertEquals("CASE-17", event.data().path("caseReference").asText());
            assertEquals("carol", event.data().path("placedBy").asText());
            assertEquals(placedAt, Instant.parse(event.data().path("placedAt").asText()));
            assertTrue(event.data().path("reason").isMissingNode());
            assertFalse(event.cloudEvent().toString().contains(REASON), "the reason stays in the service");
        }
    }

    @Test
    void placingAnswersWithTheLocationOfTheNewHold() {
        String location = as("carol").body(hold(List.of(freshEmployee()), "CASE-L")).post(HOLDS).then()
                .statusCode(201).extract().header("Location");
        RestAssured.given().auth().oauth2(token("carol")).get(location).then()
                .statusCode(200)
                .body("caseReference", equalTo("CASE-L"));
        assertTrue(location.contains(HOLDS + "/"));
    }

    @Test
    void listFiltersByEmployeeAndStatus() {
        String x = freshEmployee();
        String y = freshEmployee();
        String onlyX = place(List.of(x));
        String both = place(List.of(x, y));
        String onlyY = place(List.of(y));
        release(onlyX);

        list("?employeeId=" + x).body("items.id", containsInAnyOrder(onlyX, both));
        list("?employeeId=" + x + "&status=ACTIVE").body("items.id", contains(both));
        list("?employeeId=" + x + "&status=RELEASED").body("items.id", contains(onlyX))
                .body("items[0].status", equalTo("RELEASED"));
        list("?employeeId=" + y + "&status=ACTIVE").body("items.id", containsInAnyOrder(both, onlyY))
                .body("nextCursor", nullValue());
        list("?status=RELEASED&limit=500").body("items.status", not(hasItem("ACTIVE")));
    }

    @Test
    void paginationWithLimitOneWalksEveryHoldOnceNewestFirst() {
        String employee = freshEmployee();
        Set<String> placed = Set.of(place(List.of(employee)), place(List.of(employee)), place(List.of(employee)));

        List<String> seen = new ArrayList<>();
        List<Instant> placedAts = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            JsonPath body = list("?employeeId=" + employee + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                    .extract().jsonPath();
            assertEquals(1, body.getList("items").size());
            seen.add(body.getString("items[0].id"));
            placedAts.add(Instant.parse(body.getString("items[0].placedAt")));
            cursor = body.getString("nextCursor");
            if (page < 2) {
                assertNotNull(cursor, "page " + page + " has a next page");
            }
        }
        assertNull(cursor, "the third page is the last");
        assertEquals(placed, Set.copyOf(seen));
        assertEquals(3, seen.size());
        assertFalse(placedAts.get(0).isBefore(placedAts.get(1)));
        assertFalse(placedAts.get(1).isBefore(placedAts.get(2)));
    }

    @Test
    void releaseAnswersReleasedThenASecondReleaseIsAConflict() {
        String employee = freshEmployee();
        String id = place(List.of(employee));
        try (TopicReader reader = backupTopic()) {
            as("carla").body(Map.of("reason", "The authority closed the case")).post(HOLDS + "/" + id + "/release")
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(id))
                    .body("status", equalTo("RELEASED"))
                    .body("releasedBy", equalTo("carla"))
                    .body("releasedAt", notNullValue())
                    .body("placedBy", equalTo("carol"))
                    .body("employeeIds", contains(employee));

            as("carol").body(Map.of("reason", "Releasing the same hold again")).post(HOLDS + "/" + id + "/release")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("status", equalTo(409));
            as("carol").get(HOLDS + "/" + id).then().body("releasedBy", equalTo("carla"));

            TopicReader.Event event = reader.await(e -> e.type().equals(EventTypes.BACKUP_LEGAL_HOLD_RELEASED)
                    && e.data().path("holdId").asText().equals(id), EVENT_TIMEOUT);
            assertEquals(id, event.key());
            assertEquals(id, event.cloudEvent().path("subject").asText());
            assertEquals("carla", event.data().path("releasedBy").asText());
            assertEquals(employee, event.data().path("employeeIds").get(0).asText());
            assertFalse(event.cloudEvent().toString().contains("The authority closed the case"));
        }
    }

    @Test
    void releaseNeedsAReason() {
        String id = place(List.of(freshEmployee()));
        as("carol").body(Map.of("reason", "done")).post(HOLDS + "/" + id + "/release").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("reason"));
        as("carol").post(HOLDS + "/" + id + "/release").then()
                .statusCode(400)
                .body("violations.field", contains("body"));
        as("carol").get(HOLDS + "/" + id).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void adminAndEmployeeAreForbiddenOnEveryEndpoint() {
        String id = place(List.of(freshEmployee()));
        for (String user : List.of("alice", "erin")) {
            as(user).body(hold(List.of(freshEmployee()), "CASE-403")).post(HOLDS).then()
                    .statusCode(403).contentType("application/problem+json");
            as(user).get(HOLDS).then().statusCode(403).contentType("application/problem+json");
            as(user).get(HOLDS + "/" + id).then().statusCode(403).contentType("application/problem+json");
            as(user).body(Map.of("reason", "An attempt without the role")).post(HOLDS + "/" + id + "/release").then()
                    .statusCode(403).contentType("application/problem+json");
        }
        as("carol").get(HOLDS + "/" + id).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void invalidHoldNamesEveryBrokenField() {
        as("carol").body(Map.of("employeeIds", List.of(), "caseReference", "CASE-1", "reason", "short"))
                .post(HOLDS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("employeeIds", "reason"));
        as("carol").body(hold(List.of("E1001", "E 1002; drop"), "CASE-1")).post(HOLDS).then()
                .statusCode(400)
                .body("violations.field", contains("employeeIds[1]"))
                .body("violations[0].rule", equalTo("format"))
                .body(not(containsString("drop")));
        as("carol").body(Map.of("employeeIds", List.of("E1001", "E1001"), "reason", REASON)).post(HOLDS).then()
                .statusCode(400)
                .body("violations.field", containsInAnyOrder("employeeIds[1]", "caseReference"));
    }

    @Test
    void wrongTypeIsA400NamingTheField() {
        as("carol").body("{\"employeeIds\": 42, \"caseReference\": \"C\", \"reason\": \"" + REASON + "\"}")
                .post(HOLDS).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("employeeIds"));
    }

    @Test
    void malformedJsonIs400OnPlaceAndRelease() {
        String id = place(List.of(freshEmployee()));
        as("carol").body("{\"employeeIds\": [").post(HOLDS).then()
                .statusCode(400).contentType("application/problem+json");
        as("carol").body("{\"reason\": ").post(HOLDS + "/" + id + "/release").then()
                .statusCode(400).contentType("application/problem+json");
        as("carol").get(HOLDS + "/" + id).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void unknownHoldIs404() {
        String unknown = UUID.randomUUID().toString();
        as("carol").get(HOLDS + "/" + unknown).then()
                .statusCode(404).contentType("application/problem+json");
        as("carol").body(Map.of("reason", "Releasing a hold nobody placed")).post(HOLDS + "/" + unknown + "/release")
                .then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badQueryParametersAre400NamingEachOne() {
        as("carol").get(HOLDS + "?limit=0&status=OPEN&cursor=not-a-cursor&employeeId=a%20b").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("limit", "status", "cursor", "employeeId"));
        as("carol").get(HOLDS + "?limit=501").then().statusCode(400).body("violations.field", contains("limit"));
        as("carol").get(HOLDS + "?limit=ten").then().statusCode(400).body("violations.field", contains("limit"));
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheSameHoldAndEmitsOneEvent() {
        String employee = freshEmployee();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = hold(List.of(employee), "CASE-IDEM");
        try (TopicReader reader = backupTopic()) {
            String id = as("carol").header("Idempotency-Key", key).body(body).post(HOLDS).then()
                    .statusCode(201).extract().path("id");
            as("carol").header("Idempotency-Key", key).body(body).post(HOLDS).then()
                    .statusCode(200)
                    .header("Content-Location", endsWith(HOLDS + "/" + id))
                    .body("id", equalTo(id))
                    .body("status", equalTo("ACTIVE"));
            list("?employeeId=" + employee).body("items.id", contains(id));

            // The release goes to the same partition (same key) after any event the repeat could
            // have caused, so once it is read, every placed event of this hold has been read too.
            release(id);
            reader.await(e -> e.type().equals(EventTypes.BACKUP_LEGAL_HOLD_RELEASED)
                    && e.data().path("holdId").asText().equals(id), EVENT_TIMEOUT);
            long placedEvents = reader.seen().stream()
                    .filter(e -> e.type().equals(EventTypes.BACKUP_LEGAL_HOLD_PLACED))
                    .filter(e -> e.data().path("employeeIds").toString().contains(employee))
                    .count();
            assertEquals(1, placedEvents);
        }
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefused() {
        String employee = freshEmployee();
        String key = UUID.randomUUID().toString();
        String id = as("carol").header("Idempotency-Key", key).body(hold(List.of(employee), "CASE-A")).post(HOLDS)
                .then().statusCode(201).extract().path("id");
        as("carol").header("Idempotency-Key", key).body(hold(List.of(employee), "CASE-B")).post(HOLDS).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("Idempotency-Key"));
        list("?employeeId=" + employee).body("items.id", contains(id));
    }

    @Test
    void idempotencyKeyBelongsToTheUserWhoSentIt() {
        String employee = freshEmployee();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = hold(List.of(employee), "CASE-USERS");
        String byCarol = as("carol").header("Idempotency-Key", key).body(body).post(HOLDS).then()
                .statusCode(201).extract().path("id");
        String byCarla = as("carla").header("Idempotency-Key", key).body(body).post(HOLDS).then()
                .statusCode(201).extract().path("id");
        assertNotEquals(byCarol, byCarla);
    }

    @Test
    void malformedIdempotencyKeyIs400() {
        as("carol").header("Idempotency-Key", "k".repeat(256)).body(hold(List.of(freshEmployee()), "CASE-K"))
                .post(HOLDS).then()
                .statusCode(400)
                .body("violations.field", contains("Idempotency-Key"));
    }

    @Test
    void openApiDocumentsTheIdempotencyKey() {
        RestAssured.given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'" + HOLDS + "'.post.parameters.name", hasItem("Idempotency-Key"))
                .body("paths.'" + HOLDS + "'.post.description", containsString("Idempotency-Key"))
                .body("paths", hasKey(HOLDS + "/{id}/release"));
    }

    @Test
    void everyComplianceOfficerSeesHoldsOthersPlaced() {
        String employee = freshEmployee();
        String id = place(List.of(employee));
        as("carla").get(HOLDS + "?employeeId=" + employee).then().statusCode(200)
                .body("items.id", hasItems(id));
    }
}
