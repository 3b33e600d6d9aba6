package io.mdm.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.AdjustableClock;
import io.mdm.testkit.KafkaBroker;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class EnrollmentFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String token(String user) {
        return TestInfrastructure.get().realm().tokenFor(user);
    }

    private static String newEmployeeId() {
        return "E" + (100000 + (int) (Math.random() * 800000));
    }

    private static Response invite(String employeeId, String ownership, Integer validHours) {
        Map<String, Object> body = new HashMap<>(Map.of("employeeId", employeeId, "ownership", ownership));
        if (validHours != null) {
            body.put("validHours", validHours);
        }
        return RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/invitations");
    }

    private static int currentNotice(String ownership) {
        return RestAssured.given().get("/api/v1/privacy-notices/" + ownership).then().extract().path("version");
    }

    private static Map<String, Object> enrollment(String invitationToken, int noticeVersion, boolean consent) {
        return Map.of("invitationToken", invitationToken, "platform", "ANDROID", "osVersion", "14.1",
                "model", "Pixel 8", "agentVersion", "1.0.0", "acceptedNoticeVersion", noticeVersion, "consent", consent);
    }

    private static Response enroll(Map<String, Object> body) {
        return RestAssured.given().contentType(ContentType.JSON).body(body).post("/api/v1/enrollments");
    }

    @Test
    void phoneEnrollsWithConsentAndGetsAVerifiableDeviceToken() throws Exception {
        String employee = "E1001";
        String invitationToken = invite(employee, "BYOD", null).then().statusCode(201)
                .body("token", notNullValue()).extract().path("token");
        try (TopicReader events = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.DEVICE)) {
            Response enrolled = enroll(enrollment(invitationToken, currentNotice("BYOD"), true));
            enrolled.then().statusCode(201).body("employeeId", equalTo(employee)).body("ownership", equalTo("BYOD"));
            String deviceId = enrolled.path("deviceId");
            String secret = enrolled.path("deviceSecret");

            String accessToken = RestAssured.given().auth().preemptive().basic(deviceId, secret)
                    .post("/api/v1/devices/" + deviceId + "/token").then().statusCode(200)
                    .body("tokenType", equalTo("Bearer")).extract().path("accessToken");
            JsonNode claims = verifiedClaims(accessToken);
            assertEquals(deviceId, claims.get("sub").asText());
            assertEquals(employee, claims.get("employee_id").asText());
            assertEquals("BYOD", claims.get("ownership").asText());
            assertTrue(claims.get("aud").toString().contains("mdm-device"));
            assertTrue(claims.get("exp").asLong() - claims.get("iat").asLong() <= 3600);

            TopicReader.Event event = events.await(e -> e.type().equals(EventTypes.DEVICE_ENROLLED)
                    && e.data().path("deviceId").asText().equals(deviceId), Duration.ofSeconds(30));
            assertEquals(deviceId, event.key());
            assertEquals("1.0", event.cloudEvent().path("specversion").asText());
            assertEquals("/mdm/enrollment-service", event.cloudEvent().path("source").asText());
            assertFalse(event.cloudEvent().path("id").asText().isEmpty());
            assertFalse(event.cloudEvent().path("time").asText().isEmpty());
            String raw = event.cloudEvent().toString();
            assertFalse(raw.contains(invitationToken), "the event carries the invitation token");
            assertFalse(raw.contains(secret), "the event carries the device secret");
            for (TopicReader.Event any : events.seen()) {
                assertFalse(any.cloudEvent().toString().contains(secret), "an event carries a device secret");
            }
            String log = Files.readString(Path.of("target/quarkus-test.log"));
            assertFalse(log.contains(invitationToken), "the log carries the invitation token");
            assertFalse(log.contains(secret), "the log carries the device secret");
            assertFalse(log.contains(accessToken), "the log carries the device token");
        }
    }

    @Test
    void enrollmentSucceedsWhileKafkaIsDownAndItsEventArrivesExactlyOnceAfterwards() {
        KafkaBroker broker = TestInfrastructure.get().kafkaBroker().orElse(null);
        Assumptions.assumeTrue(broker != null, "needs the forked broker to stop it");
        String firstInvitation = invite(newEmployeeId(), "BYOD", null).then().extract().path("token");
        String duringOutage;
        broker.stop();
        try {
            duringOutage = enroll(enrollment(firstInvitation, currentNotice("BYOD"), true)).then()
                    .statusCode(201).extract().path("deviceId");
        } finally {
            broker.start();
        }
        String secondInvitation = invite(newEmployeeId(), "BYOD", null).then().extract().path("token");
        String afterOutage = enroll(enrollment(secondInvitation, currentNotice("BYOD"), true)).path("deviceId");
        try (TopicReader events = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.DEVICE)) {
            events.await(e -> e.data().path("deviceId").asText().equals(duringOutage), Duration.ofSeconds(60));
            // The later enrollment's event was queued after the first one: once it is here, a
            // duplicate of the first would be too.
            events.await(e -> e.data().path("deviceId").asText().equals(afterOutage), Duration.ofSeconds(60));
            long copies = events.seen().stream()
                    .filter(e -> e.type().equals(EventTypes.DEVICE_ENROLLED))
                    .filter(e -> e.data().path("deviceId").asText().equals(duringOutage)).count();
            assertEquals(1, copies);
        }
    }

    @Test
    void wrongDeviceSecretIs401() {
        String invitationToken = invite(newEmployeeId(), "CORPORATE", null).then().extract().path("token");
        String deviceId = enroll(enrollment(invitationToken, currentNotice("CORPORATE"), true)).path("deviceId");
        RestAssured.given().auth().preemptive().basic(deviceId, "not-the-secret")
                .post("/api/v1/devices/" + deviceId + "/token").then()
                .statusCode(401).contentType("application/problem+json");
        RestAssured.given().post("/api/v1/devices/" + deviceId + "/token").then().statusCode(401);
    }

    @Test
    void invitationIsSingleUse() {
        String invitationToken = invite(newEmployeeId(), "BYOD", null).then().extract().path("token");
        enroll(enrollment(invitationToken, currentNotice("BYOD"), true)).then().statusCode(201);
        enroll(enrollment(invitationToken, currentNotice("BYOD"), true)).then()
                .statusCode(410).contentType("application/problem+json");
    }

    @Test
    void expiredInvitationIs410() {
        String invitationToken = invite(newEmployeeId(), "BYOD", 1).then().statusCode(201).extract().path("token");
        clock.advance(Duration.ofMinutes(61));
        enroll(enrollment(invitationToken, currentNotice("BYOD"), true)).then().statusCode(410);
    }

    @Test
    void revokedInvitationIs410AndRevokingTwiceIsFine() {
        Response invited = invite(newEmployeeId(), "BYOD", null);
        String id = invited.path("id");
        RestAssured.given().auth().oauth2(token("alice")).delete("/api/v1/invitations/" + id).then().statusCode(204);
        RestAssured.given().auth().oauth2(token("alice")).delete("/api/v1/invitations/" + id).then().statusCode(204);
        enroll(enrollment(invited.path("token"), currentNotice("BYOD"), true)).then().statusCode(410);
    }

    @Test
    void unknownTokenIs401() {
        enroll(enrollment("no-such-invitation-token", currentNotice("BYOD"), true)).then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void missingConsentOrOutdatedNoticeIs422AndKeepsTheInvitationUsable() {
        String invitationToken = invite(newEmployeeId(), "BYOD", null).then().extract().path("token");
        int notice = currentNotice("BYOD");
        enroll(enrollment(invitationToken, notice, false)).then()
                .statusCode(422).body("violations.field", hasItem("consent"));
        enroll(enrollment(invitationToken, notice + 1, true)).then()
                .statusCode(422).body("violations.field", hasItem("acceptedNoticeVersion"));
        enroll(enrollment(invitationToken, notice, true)).then().statusCode(201);
    }

    @Test
    void invalidEnrollmentFieldsAre400() {
        RestAssured.given().contentType(ContentType.JSON)
                .body("{\"invitationToken\": \"x\", \"platform\": \"WINDOWS_PHONE\", \"osVersion\": \"14\"}")
                .post("/api/v1/enrollments").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("platform"));
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("invitationToken", "x", "platform", "IOS"))
                .post("/api/v1/enrollments").then()
                .statusCode(400)
                .body("violations.field", hasItem("model"))
                .body("violations.field", hasItem("consent"));
    }

    @Test
    void hugeBodyIs413Problem() throws Exception {
        // The service answers as soon as it sees the announced length, before reading the body.
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/enrollments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (10 * 1024 * 1024) + "\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder head = new StringBuilder();
            java.io.InputStream in = socket.getInputStream();
            int next;
            while (!head.toString().endsWith("\r\n\r\n") && (next = in.read()) != -1) {
                head.append((char) next);
            }
            String answer = head.toString();
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        }
    }

    @Test
    void listingInvitationsNeverShowsTokens() {
        String employee = newEmployeeId();
        String invitationToken = invite(employee, "BYOD", null).then().extract().path("token");
        RestAssured.given().auth().oauth2(token("alice")).get("/api/v1/invitations?employeeId=" + employee).then()
                .statusCode(200)
                .body("items.employeeId", hasItem(employee))
                .body("items[0].status", equalTo("PENDING"))
                .body(not(containsString(invitationToken)))
                .body(not(containsString("tokenHash")));
    }

    @Test
    void invitationListPagesWithACursor() {
        String employee = newEmployeeId();
        invite(employee, "BYOD", null);
        invite(employee, "CORPORATE", null);
        String cursor = RestAssured.given().auth().oauth2(token("alice"))
                .get("/api/v1/invitations?limit=1&employeeId=" + employee).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        RestAssured.given().auth().oauth2(token("alice"))
                .get("/api/v1/invitations?limit=1&employeeId=" + employee + "&cursor=" + cursor).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].ownership", equalTo("BYOD"));
        RestAssured.given().auth().oauth2(token("alice")).get("/api/v1/invitations?limit=501").then().statusCode(400);
        RestAssured.given().auth().oauth2(token("alice")).get("/api/v1/invitations?cursor=%25%25").then().statusCode(400);
    }

    @Test
    void onlyAdminsManageInvitations() {
        RestAssured.given().auth().oauth2(token("erin")).contentType(ContentType.JSON)
                .body(Map.of("employeeId", "E1001", "ownership", "BYOD")).post("/api/v1/invitations").then().statusCode(403);
        RestAssured.given().auth().oauth2(token("carol")).get("/api/v1/invitations").then().statusCode(403);
        RestAssured.given().auth().oauth2(token("erin")).delete("/api/v1/invitations/" + UUID.randomUUID()).then().statusCode(403);
        RestAssured.given().auth().oauth2(token("alice")).delete("/api/v1/invitations/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void employeesSeeOnlyTheirOwnDevices() {
        String erinsToken = invite("E1001", "BYOD", null).then().extract().path("token");
        String erinsDevice = enroll(enrollment(erinsToken, currentNotice("BYOD"), true)).path("deviceId");

        RestAssured.given().auth().oauth2(token("erin")).get("/api/v1/devices/" + erinsDevice).then()
                .statusCode(200).body("employeeId", equalTo("E1001")).body(not(containsString("secret")));
        RestAssured.given().auth().oauth2(token("ed")).get("/api/v1/devices/" + erinsDevice).then().statusCode(404);
        RestAssured.given().auth().oauth2(token("alice")).get("/api/v1/devices/" + erinsDevice).then().statusCode(200);
        RestAssured.given().auth().oauth2(token("erin")).get("/api/v1/me/devices").then()
                .statusCode(200).body("items.id", hasItem(erinsDevice));
        RestAssured.given().auth().oauth2(token("ed")).get("/api/v1/me/devices").then()
                .statusCode(200).body("items.id", not(hasItem(erinsDevice)));
        RestAssured.given().auth().oauth2(token("alice")).get("/api/v1/me/devices").then().statusCode(403);
        RestAssured.given().auth().oauth2(token("alice")).get("/api/v1/devices?employeeId=E1001").then()
                .statusCode(200).body("items.id", hasItem(erinsDevice));
        RestAssured.given().auth().oauth2(token("erin")).get("/api/v1/devices").then().statusCode(403);
        RestAssured.given().get("/api/v1/devices/" + erinsDevice).then().statusCode(401);
    }

    /** Verifies the JWT's ES256 signature with the key from the public JWK set, as another service would. */
    private static JsonNode verifiedClaims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("ES256", header.get("alg").asText());
        JsonNode jwks = JSON.readTree(RestAssured.given().get("/api/v1/devices/jwks").then().statusCode(200)
                .extract().asString());
        JsonNode key = null;
        for (JsonNode candidate : jwks.get("keys")) {
            if (candidate.get("kid").asText().equals(header.get("kid").asText())) {
                key = candidate;
            }
        }
        assertTrue(key != null, "the token's kid is in the JWK set");
        java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(key.get("x").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(key.get("y").asText()))),
                parameters.getParameterSpec(ECParameterSpec.class)));
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies with the JWK");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
