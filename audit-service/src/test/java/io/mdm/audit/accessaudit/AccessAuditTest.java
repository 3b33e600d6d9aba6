package io.mdm.audit.accessaudit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.mdm.audit.AuditApi;
import io.mdm.audit.StoryRequests;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.expiry.AccessRequestExpiry;
import io.mdm.audit.persistence.AccessRequestRepository;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every change of an access request through the API becomes its audit record, in order. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AccessAuditTest {

    private static final String REQUESTS = "/api/v1/access-requests";
    private static final String REASON = "Competition authority inspection of the sales team, chats of the last week.";

    @Inject
    AccessRequestRepository repository;

    @Inject
    AccessAuditTrail trail;

    @Inject
    AccessRequestExpiry expiry;

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private static ValidatableResponse post(String user, String path, Object body) {
        return RestAssured.given().auth().oauth2(AuditApi.token(user))
                .contentType(ContentType.JSON).body(body).post(path).then();
    }

    private static String fileAbout(String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectEmployeeId", subject);
        body.put("scope", Map.of("from", "2025-03-03T00:00:00Z", "to", "2025-03-10T00:00:00Z"));
        body.put("legalBasis", "REGULATORY_INVESTIGATION");
        body.put("reason", REASON);
        body.put("requestedHours", 24);
        body.put("maxReads", 5);
        return post("carol", REQUESTS, body).statusCode(201).extract().path("id");
    }

    /** The audit records of one request, in log order. */
    private static List<JsonNode> recordsOf(String requestId) {
        return AuditApi.allRecords("").stream()
                .filter(record -> record.path("data").path("requestId").asText().equals(requestId))
                .toList();
    }

    private static List<String> types(List<JsonNode> records) {
        return records.stream().map(record -> record.path("type").asText()).toList();
    }

    @Test
    void filingAndApprovingAppendRequestedThenApprovedAndNotifyTheSubjectWithoutReasons() {
        try (TopicReader notifications = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(),
                Topics.NOTIFICATIONS)) {
            String id = fileAbout("E1001");
            post("paul", REQUESTS + "/" + id + "/approve", Map.of("comment", "Proportionate to the inspection.",
                    "notifySubjectAfterDays", 14, "delayReason", "The inspection is still running.")).statusCode(200);

            List<JsonNode> records = recordsOf(id);
            assertEquals(List.of(AccessAuditEntries.REQUESTED, AccessAuditEntries.APPROVED), types(records));
            assertTrue(records.get(0).path("seq").asLong() < records.get(1).path("seq").asLong());
            JsonNode requested = records.get(0);
            assertEquals("carol", requested.path("actor").asText());
            assertEquals("E1001", requested.path("subjectEmployeeId").asText());
            assertEquals(REASON, requested.path("data").path("reason").asText());
            JsonNode approved = records.get(1);
            assertEquals("paul", approved.path("actor").asText());
            assertEquals("APPROVED", approved.path("data").path("status").asText());
            assertEquals("Proportionate to the inspection.", approved.path("data").path("comment").asText());
            assertEquals("The inspection is still running.", approved.path("data").path("delayReason").asText());
            assertFalse(approved.path("data").path("grant").path("id").asText().isEmpty());

            JsonNode notice = notifications.await(event -> event.type().equals(EventTypes.NOTIFICATION_DATA_ACCESSED)
                    && event.data().path("requestId").asText().equals(id), Duration.ofSeconds(60)).data();
            assertEquals("E1001", notice.path("employeeId").asText());
            assertEquals(Instant.parse(approved.path("data").path("notifySubjectAt").asText()),
                    Instant.parse(notice.path("notBefore").asText()));
            Instant approvedAt = Instant.parse(approved.path("data").path("grant").path("validFrom").asText());
            assertEquals(approvedAt.plus(Duration.ofDays(14)), Instant.parse(notice.path("notBefore").asText()));
            assertFalse(notice.has("reason") || notice.has("comment") || notice.has("delayReason"),
                    "the notification carries no free text: " + notice);
        }
    }

    @Test
    void rejectionAndRevocationAreRecordedWithTheirComments() {
        String rejectedId = fileAbout("E1002");
        post("pia", REQUESTS + "/" + rejectedId + "/reject", Map.of("comment", "Not proportionate.")).statusCode(200);
        String revokedId = fileAbout("E1002");
        post("paul", REQUESTS + "/" + revokedId + "/approve", Map.of("comment", "Fine.")).statusCode(200);
        post("carol", REQUESTS + "/" + revokedId + "/revoke", Map.of("comment", "Case closed.")).statusCode(200);

        List<JsonNode> rejected = recordsOf(rejectedId);
        List<JsonNode> revoked = recordsOf(revokedId);

        assertEquals(List.of(AccessAuditEntries.REQUESTED, AccessAuditEntries.REJECTED), types(rejected));
        assertEquals("pia", rejected.get(1).path("actor").asText());
        assertEquals("Not proportionate.", rejected.get(1).path("data").path("comment").asText());
        assertEquals(List.of(AccessAuditEntries.REQUESTED, AccessAuditEntries.APPROVED, AccessAuditEntries.REVOKED),
                types(revoked));
        assertEquals("carol", revoked.get(2).path("actor").asText());
        assertEquals(revoked.get(1).path("data").path("grant").path("id").asText(),
                revoked.get(2).path("data").path("grantId").asText());
    }

    @Test
    void anExpiryIsRecordedWithTheServiceAsActor() {
        String id = fileAbout("E1002");

        expiry.expireOverdue(Instant.now().plus(Duration.ofDays(8)));

        List<JsonNode> records = recordsOf(id);
        assertEquals(List.of(AccessAuditEntries.REQUESTED, AccessAuditEntries.EXPIRED), types(records));
        assertEquals("/mdm/audit-service", records.get(1).path("actor").asText());
    }

    /**
     * A change stored with its audit entry, then the service stops before appending it: the sweep
     * appends it, and a second sweep over the same entry appends nothing more.
     */
    @Test
    void aChangeWhoseAppendWasCutOffIsAppendedByTheSweepOnce() {
        Instant now = StoryRequests.now();
        AccessRequest filed = StoryRequests.filedByCarol(now, 5);
        repository.insert(filed);
        AccessRequest approved = StoryRequests.approvedByPaul(filed, now);
        Document pending = trail.pendingEntry(approved);
        var requests = mongo.getDatabase(database).getCollection(AccessRequestRepository.COLLECTION);
        requests.updateOne(Filters.eq("_id", filed.id()), Updates.push(AccessAuditTrail.FIELD, pending));
        assertEquals(List.of(AccessAuditEntries.REQUESTED), types(recordsOf(filed.id())));

        assertTrue(trail.appendPendingOlderThan(Instant.now().plus(AccessAuditTrail.GRACE)) >= 1);
        requests.updateOne(Filters.eq("_id", filed.id()), Updates.push(AccessAuditTrail.FIELD, pending));
        trail.appendPending(filed.id());

        assertEquals(List.of(AccessAuditEntries.REQUESTED, AccessAuditEntries.APPROVED), types(recordsOf(filed.id())));
        Document stored = requests.find(Filters.eq("_id", filed.id())).first();
        assertTrue(stored.getList(AccessAuditTrail.FIELD, Document.class).isEmpty(), "nothing is left pending");
    }
}
