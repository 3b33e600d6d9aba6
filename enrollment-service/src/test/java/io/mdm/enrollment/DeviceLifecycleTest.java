package io.mdm.enrollment;

import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class DeviceLifecycleTest {

    private record Phone(String id, String secret, String token) {
    }

    private static String token(String user) {
        return TestInfrastructure.get().realm().tokenFor(user);
    }

    /** Enrolls a phone for {@code employeeId} through the public API and fetches its device token. */
    private static Phone enrolledPhone(String employeeId, String ownership) {
        String invitation = RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("employeeId", employeeId, "ownership", ownership)).post("/api/v1/invitations")
                .then().statusCode(201).extract().path("token");
        int notice = RestAssured.given().get("/api/v1/privacy-notices/" + ownership).then().extract().path("version");
        Response enrolled = RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("invitationToken", invitation, "platform", "IOS", "osVersion", "17.4", "model", "iPhone",
                        "agentVersion", "1.0.0", "acceptedNoticeVersion", notice, "consent", true))
                .post("/api/v1/enrollments");
        String id = enrolled.then().statusCode(201).extract().path("deviceId");
        String secret = enrolled.path("deviceSecret");
        return new Phone(id, secret, deviceToken(id, secret));
    }

    private static String deviceToken(String id, String secret) {
        return RestAssured.given().auth().preemptive().basic(id, secret).post("/api/v1/devices/" + id + "/token")
                .then().statusCode(200).extract().path("accessToken");
    }

    private static Response wipe(String deviceId, String scope) {
        return RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("scope", scope, "reason", "Lost phone reported")).post("/api/v1/devices/" + deviceId + "/wipe");
    }

    @Test
    void fullWipeOfAPersonalPhoneIsRefusedNamingTheRule() {
        Phone phone = enrolledPhone("E1001", "BYOD");
        wipe(phone.id(), "FULL_DEVICE").then()
                .statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("scope"))
                .body("violations[0].rule", equalTo(WipeScope.BYOD_RULE));
        RestAssured.given().auth().oauth2(phone.token()).get("/api/v1/devices/" + phone.id() + "/commands").then()
                .statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void companyPhoneMayBeWipedWhole() {
        Phone phone = enrolledPhone("E1002", "CORPORATE");
        wipe(phone.id(), "FULL_DEVICE").then().statusCode(202);
    }

    @Test
    void phoneFetchesAndAcknowledgesItsWipeOnce() {
        Phone phone = enrolledPhone("E1001", "BYOD");
        try (TopicReader events = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.DEVICE)) {
            String commandId = wipe(phone.id(), "WORK_DATA").then().statusCode(202).extract().path("commandId");
            RestAssured.given().auth().oauth2(phone.token()).get("/api/v1/devices/" + phone.id() + "/commands").then()
                    .statusCode(200).body("items.id", hasItem(commandId)).body("items[0].scope", equalTo("WORK_DATA"));

            RestAssured.given().auth().oauth2(phone.token()).contentType(ContentType.JSON).body(Map.of("result", "DONE"))
                    .post("/api/v1/devices/" + phone.id() + "/commands/" + commandId + "/ack").then()
                    .statusCode(200).body("status", equalTo("DONE"));
            RestAssured.given().auth().oauth2(phone.token()).contentType(ContentType.JSON).body(Map.of("result", "DONE"))
                    .post("/api/v1/devices/" + phone.id() + "/commands/" + commandId + "/ack").then().statusCode(409);
            RestAssured.given().auth().oauth2(phone.token()).contentType(ContentType.JSON).body(Map.of("result", "DONE"))
                    .post("/api/v1/devices/" + phone.id() + "/commands/" + UUID.randomUUID() + "/ack").then().statusCode(404);
            RestAssured.given().auth().oauth2(phone.token()).get("/api/v1/devices/" + phone.id() + "/commands").then()
                    .body("items.id", not(hasItem(commandId)));

            events.await(e -> e.type().equals(EventTypes.DEVICE_WIPE_REQUESTED)
                    && e.data().path("commandId").asText().equals(commandId), Duration.ofSeconds(30));
            TopicReader.Event ack = events.await(e -> e.type().equals(EventTypes.DEVICE_COMMAND_ACKNOWLEDGED)
                    && e.data().path("commandId").asText().equals(commandId), Duration.ofSeconds(30));
            assertEquals("DONE", ack.data().path("result").asText());
            assertEquals(phone.id(), ack.key());
        }
    }

    @Test
    void employeeUnenrollsOwnPhoneWhichThenGetsNoTokenButStillItsWipe() {
        Phone phone = enrolledPhone("E1001", "BYOD");
        try (TopicReader events = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.DEVICE)) {
            String wipeId = RestAssured.given().auth().oauth2(token("erin")).contentType(ContentType.JSON)
                    .body(Map.of("reason", "New phone")).post("/api/v1/devices/" + phone.id() + "/unenroll").then()
                    .statusCode(200).body("status", equalTo("RETIRED")).extract().path("wipeCommandId");

            RestAssured.given().auth().oauth2(token("erin")).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/devices/" + phone.id() + "/unenroll").then().statusCode(409);
            RestAssured.given().auth().preemptive().basic(phone.id(), phone.secret())
                    .post("/api/v1/devices/" + phone.id() + "/token").then().statusCode(401);
            wipe(phone.id(), "WORK_DATA").then().statusCode(409);
            RestAssured.given().auth().oauth2(phone.token()).get("/api/v1/devices/" + phone.id() + "/commands").then()
                    .statusCode(200).body("items.id", hasItem(wipeId)).body("items[0].scope", equalTo("WORK_DATA"));
            RestAssured.given().auth().oauth2(token("alice")).get("/api/v1/devices/" + phone.id()).then()
                    .body("status", equalTo("RETIRED"));

            TopicReader.Event unenrolled = events.await(e -> e.type().equals(EventTypes.DEVICE_UNENROLLED)
                    && e.data().path("deviceId").asText().equals(phone.id()), Duration.ofSeconds(30));
            assertEquals("erin", unenrolled.data().path("unenrolledBy").asText());
            events.await(e -> e.type().equals(EventTypes.DEVICE_WIPE_REQUESTED)
                    && e.data().path("commandId").asText().equals(wipeId), Duration.ofSeconds(30));
        }
    }

    @Test
    void phoneMayUnenrollItselfButNoOtherPhone() {
        Phone mine = enrolledPhone("E1002", "BYOD");
        Phone other = enrolledPhone("E1002", "BYOD");
        RestAssured.given().auth().oauth2(mine.token()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/devices/" + other.id() + "/unenroll").then().statusCode(403);
        RestAssured.given().auth().oauth2(mine.token()).get("/api/v1/devices/" + other.id() + "/commands").then()
                .statusCode(403);
        RestAssured.given().auth().oauth2(mine.token()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/devices/" + mine.id() + "/unenroll").then().statusCode(200);
    }

    @Test
    void othersCannotUnenrollOrWipe() {
        Phone erins = enrolledPhone("E1001", "BYOD");
        RestAssured.given().auth().oauth2(token("ed")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/devices/" + erins.id() + "/unenroll").then().statusCode(404);
        RestAssured.given().auth().oauth2(token("carol")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/devices/" + erins.id() + "/unenroll").then().statusCode(403);
        RestAssured.given().auth().oauth2(token("erin")).contentType(ContentType.JSON)
                .body(Map.of("scope", "WORK_DATA", "reason", "x")).post("/api/v1/devices/" + erins.id() + "/wipe")
                .then().statusCode(403);
        RestAssured.given().auth().oauth2(erins.token()).contentType(ContentType.JSON)
                .body(Map.of("scope", "WORK_DATA", "reason", "x")).post("/api/v1/devices/" + erins.id() + "/wipe")
                .then().statusCode(403);
        RestAssured.given().auth().oauth2(token("erin")).get("/api/v1/devices/" + erins.id() + "/commands").then()
                .statusCode(403);
        RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("result", "DONE"))
                .post("/api/v1/devices/" + erins.id() + "/commands/" + UUID.randomUUID() + "/ack").then().statusCode(403);
        RestAssured.given().auth().oauth2(token("carol")).get("/api/v1/devices/" + erins.id()).then().statusCode(403);
        RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("scope", "EVERYTHING", "reason", "x")).post("/api/v1/devices/" + erins.id() + "/wipe")
                .then().statusCode(400).body("violations.field", hasItem("scope"));
        RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/devices/" + UUID.randomUUID() + "/unenroll").then().statusCode(404);
    }

    @Test
    void deviceTokenDoesNotReadDeviceRecordsEvenOfTheSameEmployee() {
        Phone first = enrolledPhone("E1001", "BYOD");
        Phone second = enrolledPhone("E1001", "BYOD");
        RestAssured.given().auth().oauth2(first.token()).get("/api/v1/devices/" + second.id()).then().statusCode(403);
    }
}
