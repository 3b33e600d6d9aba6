package io.mdm.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.mdm.backup.BackupApi.Phone;
import io.mdm.backup.FakeAccessGrants.Allow;
import io.mdm.backup.FakeAccessGrants.Call;
import io.mdm.backup.FakeAccessGrants.Deny;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.Binary;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mdm.backup.BackupApi.as;
import static io.mdm.backup.BackupApi.deletion;
import static io.mdm.backup.BackupApi.message;
import static io.mdm.backup.BackupApi.subjectPath;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
@QuarkusTestResource(AccessGrantsResource.class)
class SubjectMessagesReadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";
    // Well inside the story policy's 365 days of retention, whole seconds so that BSON keeps them exactly.
    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));
    private static final Instant TO = FROM.plus(Duration.ofHours(2));

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    /**
     * A fresh employee's backup: one message just before the scope, two in it (the second deleted
     * on the phone at {@code deletedAt}) and one at its exclusive end.
     */
    private record Backup(Phone phone, Map<String, Object> before, Map<String, Object> first,
                          Map<String, Object> second, Map<String, Object> atEnd, Instant deletedAt) {

        String employeeId() {
            return phone.employeeId();
        }

        List<String> bodies() {
            return List.of(before, first, second, atEnd).stream().map(m -> (String) m.get("body")).toList();
        }
    }

    private static Backup uploaded() {
        Phone phone = Phone.fresh();
        Map<String, Object> before = withOwnBody(message(WORKCHAT, FROM.minusMillis(1)));
        Map<String, Object> first = withOwnBody(message(WORKCHAT, FROM));
        Map<String, Object> second = withOwnBody(message(WORKCHAT, FROM.plus(Duration.ofHours(1))));
        Map<String, Object> atEnd = withOwnBody(message(WORKCHAT, TO));
        phone.upload(List.of(before, first, second, atEnd)).statusCode(200).body("accepted", equalTo(4));
        Instant deletedAt = FROM.plus(Duration.ofDays(1));
        phone.delete(List.of(deletion(second, deletedAt))).statusCode(200).body("recorded", equalTo(1));
        return new Backup(phone, before, first, second, atEnd, deletedAt);
    }

    private static Map<String, Object> withOwnBody(Map<String, Object> message) {
        message.put("body", "Contract draft " + UUID.randomUUID());
        return message;
    }

    private static String token(String user) {
        return TestInfrastructure.get().realm().tokenFor(user);
    }

    private static RequestSpecification read(String token, String grantId) {
        RequestSpecification request = RestAssured.given().auth().oauth2(token)
                .queryParam("from", FROM.toString()).queryParam("to", TO.toString());
        return grantId == null ? request : request.queryParam("grantId", grantId);
    }

    private static String messagesPath(String employeeId) {
        return subjectPath(employeeId) + "/messages";
    }

    private static String grant(FakeAccessGrants.Answer answer) {
        String grantId = "G-" + UUID.randomUUID();
        FakeAccessGrants.get().answer(grantId, answer);
        return grantId;
    }

    private static void assertNoContent(Response response, Backup backup) {
        String text = response.asString();
        for (String body : backup.bodies()) {
            assertFalse(text.contains(body), "no message body in the answer");
        }
    }

    @Test
    void aReadWithoutGrantIdIsRejectedBeforeTheAuditServiceIsAsked() {
        Backup backup = uploaded();
        read(token("carol"), null).get(messagesPath(backup.employeeId())).then()
                .statusCode(400).contentType(PROBLEM_JSON).body("violations.field", hasItem("grantId"));
        RestAssured.given().auth().oauth2(token("carol")).queryParam("grantId", grant(new Allow(5)))
                .queryParam("from", FROM.toString()).queryParam("to", "yesterday")
                .get(messagesPath(backup.employeeId()))
                .then().statusCode(400).body("violations.field", hasItem("to"));
        assertTrue(FakeAccessGrants.get().callsAbout(backup.employeeId()).isEmpty());
    }

    @Test
    void aGrantTheAuditServiceRefusesAnswers403WithTheReasonAndNoContent() {
        Backup backup = uploaded();
        String grantId = grant(new Deny("the grant expired at 2026-01-31T00:00:00Z"));
        Response response = read(token("carol"), grantId).get(messagesPath(backup.employeeId()));
        response.then().statusCode(403).contentType(PROBLEM_JSON)
                .body("detail", containsString("the grant expired at 2026-01-31T00:00:00Z"));
        assertNoContent(response, backup);
        assertEquals(1, FakeAccessGrants.get().callsAbout(backup.employeeId()).size());
    }

    @Test
    void anAllowedReadAnswersOnlyTheMessagesInsideTheScopeOldestFirstWithTheirDeletionMark() {
        Backup backup = uploaded();
        Response response = read(token("carol"), grant(new Allow(7))).get(messagesPath(backup.employeeId()));
        response.then().statusCode(200)
                .body("items.messageId", equalTo(List.of(backup.first().get("messageId"),
                        backup.second().get("messageId"))))
                .body("items[0].body", equalTo(backup.first().get("body")))
                .body("items[0].sender", equalTo(backup.first().get("sender")))
                .body("items[0].recipients", equalTo(backup.first().get("recipients")))
                .body("items[0].conversationId", equalTo(backup.first().get("conversationId")))
                .body("items[1].body", equalTo(backup.second().get("body")))
                .body("remainingReads", equalTo(7))
                .body("nextCursor", equalTo(null));
        assertNull(response.path("items[0].deletedOnDeviceAt"), "still on the phone");
        assertEquals(backup.deletedAt(), Instant.parse(response.path("items[1].deletedOnDeviceAt")));
        assertEquals(FROM, Instant.parse(response.path("items[0].sentAt")));
    }

    @Test
    void theAuditServiceGetsTheCallersOwnTokenTheExactScopeAndTheServiceToken() throws IOException {
        Backup backup = uploaded();
        String carol = token("carol");
        String grantId = grant(new Allow(3));
        String conversationId = (String) backup.second().get("conversationId");
        read(carol, grantId).queryParam("conversationId", conversationId).get(messagesPath(backup.employeeId()))
                .then().statusCode(200)
                .body("items.messageId", equalTo(List.of(backup.second().get("messageId"))));

        List<Call> calls = FakeAccessGrants.get().callsAbout(backup.employeeId());
        assertEquals(1, calls.size());
        AuthorizeReadRequest request = calls.getFirst().request();
        assertEquals(grantId, request.getGrantId());
        assertEquals(carol, request.getCallerToken());
        assertEquals(FROM, Instant.ofEpochSecond(request.getFrom().getSeconds(), request.getFrom().getNanos()));
        assertEquals(TO, Instant.ofEpochSecond(request.getTo().getSeconds(), request.getTo().getNanos()));
        assertEquals(conversationId, request.getConversationId());

        String authorization = calls.getFirst().authorization();
        assertNotNull(authorization, "the service authenticates itself");
        assertTrue(authorization.startsWith("Bearer "));
        String serviceToken = authorization.substring("Bearer ".length());
        assertNotEquals(carol, serviceToken);
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(serviceToken.split("\\.")[1]));
        assertEquals("backup-service", payload.path("azp").asText());
    }

    @Test
    void pagesContinueWithinTheSameScopeAndEachPageIsAuthorizedAgain() {
        Backup backup = uploaded();
        String carol = token("carol");
        String grantId = grant(new Allow(10));
        Response firstPage = read(carol, grantId).queryParam("limit", 1).get(messagesPath(backup.employeeId()));
        firstPage.then().statusCode(200).body("items.messageId", equalTo(List.of(backup.first().get("messageId"))));
        String cursor = firstPage.path("nextCursor");
        assertNotNull(cursor);
        read(carol, grantId).queryParam("limit", 1).queryParam("cursor", cursor).get(messagesPath(backup.employeeId()))
                .then().statusCode(200)
                .body("items.messageId", equalTo(List.of(backup.second().get("messageId"))))
                .body("nextCursor", equalTo(null));
        assertEquals(2, FakeAccessGrants.get().callsAbout(backup.employeeId()).size());

        RestAssured.given().auth().oauth2(carol).queryParam("grantId", grantId).queryParam("from", FROM.toString())
                .queryParam("to", TO.plusSeconds(1).toString()).queryParam("cursor", cursor)
                .get(messagesPath(backup.employeeId()))
                .then().statusCode(400).body("violations.field", hasItem("cursor"));
    }

    @Test
    void swappedCiphertextsAreAProblemWithoutContent() {
        Backup backup = uploaded();
        MongoCollection<Document> messages = mongo.getDatabase(database).getCollection("messages");
        String firstKey = backup.employeeId() + ":" + backup.first().get("messageId");
        String secondKey = backup.employeeId() + ":" + backup.second().get("messageId");
        Binary firstCiphertext = messages.find(Filters.eq("_id", firstKey)).first().get("ciphertext", Binary.class);
        Binary secondCiphertext = messages.find(Filters.eq("_id", secondKey)).first().get("ciphertext", Binary.class);
        messages.updateOne(Filters.eq("_id", firstKey), Updates.set("ciphertext", secondCiphertext));
        messages.updateOne(Filters.eq("_id", secondKey), Updates.set("ciphertext", firstCiphertext));

        Response response = read(token("carol"), grant(new Allow(4))).get(messagesPath(backup.employeeId()));
        response.then().statusCode(422).contentType(PROBLEM_JSON)
                .body("violations.message", hasItem(startsWith((String) backup.first().get("messageId"))))
                .body("violations.message", hasItem(startsWith((String) backup.second().get("messageId"))));
        assertNoContent(response, backup);
    }

    @Test
    void callersWithoutTheComplianceRoleAreRefused() {
        Backup backup = uploaded();
        String grantId = grant(new Allow(5));
        for (String token : List.of(token("erin"), token("alice"), backup.phone().token())) {
            read(token, grantId).get(messagesPath(backup.employeeId())).then().statusCode(403);
        }
        assertTrue(FakeAccessGrants.get().callsAbout(backup.employeeId()).isEmpty());
    }

    @Test
    void anAuditServiceThatCannotAnswerIs503() {
        Backup backup = uploaded();
        Response response = read(token("carol"), grant(FakeAccessGrants.Failure.UNAVAILABLE))
                .get(messagesPath(backup.employeeId()));
        response.then().statusCode(503).contentType(PROBLEM_JSON);
        assertNoContent(response, backup);
    }

    @Test
    void aShreddedSubjectIsGone() {
        Backup backup = uploaded();
        as("alice").body(Map.of("reason", "The employee left and asked for erasure"))
                .delete(subjectPath(backup.employeeId())).then().statusCode(200);
        Response response = read(token("carol"), grant(new Allow(5))).get(messagesPath(backup.employeeId()));
        response.then().statusCode(410).contentType(PROBLEM_JSON).body("detail", containsString("destroyed"));
        assertNoContent(response, backup);
    }
}
