package io.mdm.audit.accesslog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import io.mdm.audit.AccessGrantsChannel;
import io.mdm.audit.AccessRequestsApi;
import io.mdm.audit.AccessRequestsApi.Approved;
import io.mdm.audit.AuditApi;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadResponse;
import io.mdm.testkit.AdjustableClock;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /me/access-log: the employee learns of every access to their backup once its notice time has come. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AccessLogResourceTest {

    private static final String ACCESS_LOG = "/api/v1/me/access-log";
    private static final String ERIN = "E1001";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AdjustableClock clock;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    private static ValidatableResponse get(String user, String query) {
        return RestAssured.given().auth().oauth2(AuditApi.token(user)).get(ACCESS_LOG + query).then();
    }

    private static JsonNode page(String user, String query) throws Exception {
        return JSON.readTree(get(user, query).statusCode(200).extract().asString());
    }

    /** Every entry of the user's access log, following nextCursor. */
    private static List<JsonNode> entries(String user) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(user, "?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("items").forEach(entries::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return entries;
    }

    private static JsonNode entryFor(String user, String requestId) throws Exception {
        return entries(user).stream().filter(e -> requestId.equals(e.path("requestId").asText()))
                .findFirst().orElse(null);
    }

    private static AuthorizeReadResponse carolReads(Approved approved) {
        String serviceToken = TestInfrastructure.get().realm()
                .clientCredentialsToken("backup-service", "backup-service-local-secret");
        try (AccessGrantsChannel channel = new AccessGrantsChannel()) {
            return channel.authorizeRead(serviceToken, AuthorizeReadRequest.newBuilder()
                    .setGrantId(approved.grantId())
                    .setSubjectEmployeeId(ERIN)
                    .setFrom(timestamp(Instant.parse(AccessRequestsApi.SCOPE_FROM)))
                    .setTo(timestamp(Instant.parse(AccessRequestsApi.SCOPE_TO)))
                    .setCallerToken(AuditApi.token("carol"))
                    .build());
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static JsonNode auditRecord(long seq) throws Exception {
        JsonNode page = JSON.readTree(AuditApi.get(AuditApi.ANALYST, "/records?limit=1&afterSeq=" + (seq - 1))
                .statusCode(200).extract().asString());
        return page.path("items").path(0);
    }

    @Test
    void theEmployeeSeesADelayedAccessWithItsReadsOnlyOnceTheNoticeTimeHasCome() throws Exception {
        Approved approved = AccessRequestsApi.approvedByPaul(AccessRequestsApi.file("carol", ERIN, List.of(), 5), 14);
        AuthorizeReadResponse first = carolReads(approved);
        AuthorizeReadResponse second = carolReads(approved);
        assertTrue(first.getAllowed() && second.getAllowed());

        assertEquals(null, entryFor("erin", approved.requestId()), "shown before the notice time");

        clock.advance(Duration.ofDays(15));
        JsonNode entry = entryFor("erin", approved.requestId());
        JsonNode edsEntry = entryFor("ed", approved.requestId());
        clock.reset();

        assertNotNull(entry, "not shown after the notice time");
        assertEquals(null, edsEntry, "shown to another employee");
        assertEquals("carol", entry.path("requestedBy").asText());
        assertEquals(List.of("paul"), textsOf(entry.path("approvers")));
        assertEquals("REGULATORY_INVESTIGATION", entry.path("legalBasis").asText());
        assertTrue(entry.path("reason").asText().startsWith("Competition authority inspection"));
        assertEquals(Instant.parse(AccessRequestsApi.SCOPE_FROM), Instant.parse(entry.path("scope").path("from").asText()));
        assertEquals(Instant.parse(AccessRequestsApi.SCOPE_TO), Instant.parse(entry.path("scope").path("to").asText()));
        assertEquals("APPROVED", entry.path("status").asText());
        assertTrue(Instant.parse(entry.path("approvedAt").asText())
                .isBefore(Instant.parse(entry.path("validUntil").asText())));
        JsonNode reads = entry.path("reads");
        assertEquals(2, reads.size());
        for (int i = 0; i < 2; i++) {
            JsonNode record = auditRecord(i == 0 ? first.getAuditSeq() : second.getAuditSeq());
            assertEquals("carol", reads.path(i).path("by").asText());
            assertEquals(Instant.parse(record.path("time").asText()), Instant.parse(reads.path(i).path("at").asText()));
        }
    }

    @Test
    void aRevokedAccessStaysInTheLogWithTheReadsMadeBeforeIt() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);
        assertTrue(carolReads(approved).getAllowed());
        AccessRequestsApi.revoke("carol", approved.requestId());

        JsonNode entry = entryFor("erin", approved.requestId());

        assertNotNull(entry);
        assertEquals("REVOKED", entry.path("status").asText());
        assertEquals(1, entry.path("reads").size());
    }

    @Test
    void theLogIsPagedNewestFirst() throws Exception {
        String older = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5).requestId();
        String newer = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5).requestId();

        JsonNode first = page("erin", "?limit=1");
        JsonNode second = page("erin", "?limit=1&cursor=" + first.path("nextCursor").asText());

        assertEquals(newer, first.path("items").path(0).path("requestId").asText());
        assertEquals(older, second.path("items").path(0).path("requestId").asText());
    }

    @Test
    void aBadLimitIsRejectedWithItsField() {
        get("erin", "?limit=0").statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("limit"));
    }

    @Test
    void onlyEmployeesHaveAnAccessLog() {
        get("alice", "").statusCode(403);
        get("carol", "").statusCode(403);
    }

    private static List<String> textsOf(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
