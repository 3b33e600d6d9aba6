package io.mdm.audit.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdm.audit.AccessGrantsChannel;
import io.mdm.audit.AccessRequestsApi;
import io.mdm.audit.AccessRequestsApi.Approved;
import io.mdm.audit.AuditApi;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadRequest;
import io.mdm.contracts.grpc.audit.v1.AuthorizeReadResponse;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AccessGrants/AuthorizeRead as the backup-service calls it, with real Keycloak tokens (PRODUCT.md step 6). */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AuthorizeReadTest {

    private static final String ERIN = "E1001";
    private static final String ED = "E1002";
    private static final Instant FROM = Instant.parse(AccessRequestsApi.SCOPE_FROM);
    private static final Instant TO = Instant.parse(AccessRequestsApi.SCOPE_TO);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessGrantsChannel channel;

    @BeforeEach
    void open() {
        channel = new AccessGrantsChannel();
    }

    @AfterEach
    void close() {
        channel.close();
    }

    private static String backupServiceToken() {
        return TestInfrastructure.get().realm().clientCredentialsToken("backup-service", "backup-service-local-secret");
    }

    private static AuthorizeReadRequest read(String user, String grantId, String subject, Instant from, Instant to,
                                             String conversationId) {
        return AuthorizeReadRequest.newBuilder()
                .setGrantId(grantId)
                .setSubjectEmployeeId(subject)
                .setFrom(timestamp(from))
                .setTo(timestamp(to))
                .setConversationId(conversationId == null ? "" : conversationId)
                .setCallerToken(AuditApi.token(user))
                .build();
    }

    private static AuthorizeReadRequest inScope(String user, Approved approved) {
        return read(user, approved.grantId(), ERIN, FROM.plusSeconds(3600), TO.minusSeconds(3600), null);
    }

    private AuthorizeReadResponse authorize(AuthorizeReadRequest request) {
        return channel.authorizeRead(backupServiceToken(), request);
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The audit record with this seq, as the security analyst reads it. */
    private static JsonNode auditRecord(long seq) throws Exception {
        JsonNode page = JSON.readTree(AuditApi.get(AuditApi.ANALYST, "/records?limit=1&afterSeq=" + (seq - 1))
                .statusCode(200).extract().asString());
        JsonNode record = page.path("items").path(0);
        assertEquals(seq, record.path("seq").asLong(), "no record with seq " + seq);
        return record;
    }

    private static void assertDeniedAndRecorded(AuthorizeReadResponse answer, String reason, String actor,
                                                String grantId) throws Exception {
        assertFalse(answer.getAllowed());
        assertEquals(reason, answer.getDenialReason());
        JsonNode record = auditRecord(answer.getAuditSeq());
        assertEquals("mdm.access.read-denied", record.path("type").asText());
        assertEquals(actor, record.path("actor").asText());
        assertEquals(reason, record.path("data").path("denialReason").asText());
        assertEquals(grantId, record.path("data").path("grantId").asText());
    }

    // --- the calling service --------------------------------------------------------------------

    @Test
    void anotherServiceThanTheBackupServiceIsRefused() {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);
        String policyService = TestInfrastructure.get().realm()
                .clientCredentialsToken("policy-service", "policy-service-local-secret");

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> channel.authorizeRead(policyService, inScope("carol", approved)));

        assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
        assertEquals(4, authorize(inScope("carol", approved)).getRemainingReads(), "the refused call consumed a read");
    }

    @Test
    void aCallWithoutAServiceTokenIsUnauthenticated() {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> channel.authorizeRead(null, inScope("carol", approved)));

        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
    }

    @Test
    void aForgedServiceTokenIsUnauthenticated() {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);
        String token = backupServiceToken();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> channel.authorizeRead(forged, inScope("carol", approved)));

        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
    }

    // --- allowed reads ----------------------------------------------------------------------------

    @Test
    void theRequesterReadsInScopeAndEachReadIsCountedAndAudited() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);

        AuthorizeReadResponse first = authorize(inScope("carol", approved));
        AuthorizeReadResponse second = authorize(inScope("carol", approved));

        assertTrue(first.getAllowed(), first.getDenialReason());
        assertEquals(4, first.getRemainingReads());
        assertTrue(second.getAllowed(), second.getDenialReason());
        assertEquals(3, second.getRemainingReads());
        assertTrue(first.getValidUntil().getSeconds() > Instant.now().getEpochSecond());
        assertTrue(second.getAuditSeq() > first.getAuditSeq());
        JsonNode record = auditRecord(first.getAuditSeq());
        assertEquals("mdm.access.read-authorized", record.path("type").asText());
        assertEquals("carol", record.path("actor").asText());
        assertEquals(ERIN, record.path("subjectEmployeeId").asText());
        assertEquals(approved.grantId(), record.path("data").path("grantId").asText());
        assertEquals(approved.requestId(), record.path("data").path("requestId").asText());
        assertEquals(4, record.path("data").path("remainingReads").asInt());
        assertEquals(FROM.plusSeconds(3600), Instant.parse(record.path("data").path("from").asText()));
    }

    @Test
    void aConversationInsideAConversationLimitedScopeIsAllowed() {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of("conv-sales"), 5);

        AuthorizeReadResponse answer = authorize(read("carol", approved.grantId(), ERIN, FROM, TO, "conv-sales"));

        assertTrue(answer.getAllowed(), answer.getDenialReason());
    }

    // --- refused reads ----------------------------------------------------------------------------

    @Test
    void anotherOfficerCannotUseTheGrantAndConsumesNothing() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);

        AuthorizeReadResponse answer = authorize(inScope("carla", approved));

        assertDeniedAndRecorded(answer, "NOT_THE_REQUESTER", "carla", approved.grantId());
        assertEquals(4, authorize(inScope("carol", approved)).getRemainingReads());
    }

    @Test
    void anotherSubjectIsRefused() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);

        AuthorizeReadResponse answer = authorize(read("carol", approved.grantId(), ED, FROM, TO, null));

        assertDeniedAndRecorded(answer, "WRONG_SUBJECT", "carol", approved.grantId());
    }

    @Test
    void aRangeOutsideTheScopeIsRefused() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);

        AuthorizeReadResponse answer = authorize(read("carol", approved.grantId(), ERIN,
                FROM.minusSeconds(86_400), TO, null));

        assertDeniedAndRecorded(answer, "OUT_OF_SCOPE", "carol", approved.grantId());
    }

    @Test
    void aConversationOutsideAConversationLimitedScopeIsRefused() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of("conv-sales"), 5);

        AuthorizeReadResponse answer = authorize(read("carol", approved.grantId(), ERIN, FROM, TO, "conv-family"));

        assertDeniedAndRecorded(answer, "OUT_OF_SCOPE", "carol", approved.grantId());
    }

    @Test
    void aRevokedGrantIsRefused() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);
        AccessRequestsApi.revoke("paul", approved.requestId());

        AuthorizeReadResponse answer = authorize(inScope("carol", approved));

        assertDeniedAndRecorded(answer, "REVOKED", "carol", approved.grantId());
    }

    @Test
    void aReadBeyondTheBudgetIsRefused() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 1);
        assertTrue(authorize(inScope("carol", approved)).getAllowed());

        AuthorizeReadResponse answer = authorize(inScope("carol", approved));

        assertDeniedAndRecorded(answer, "BUDGET_EXHAUSTED", "carol", approved.grantId());
    }

    @Test
    void anInvalidCallerTokenIsRefusedAndAuditedAsUnknown() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);
        AuthorizeReadRequest withBadToken = inScope("carol", approved).toBuilder().setCallerToken("not-a-token").build();

        AuthorizeReadResponse answer = authorize(withBadToken);

        assertDeniedAndRecorded(answer, "invalid caller token", "unknown", approved.grantId());
        assertEquals(4, authorize(inScope("carol", approved)).getRemainingReads());
    }

    @Test
    void concurrentReadsNeverExceedTheBudget() throws Exception {
        Approved approved = AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5);
        AuthorizeReadRequest request = inScope("carol", approved);
        String serviceToken = backupServiceToken();
        int callers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<AuthorizeReadResponse>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<AuthorizeReadResponse> call = () -> {
                    start.await();
                    return channel.authorizeRead(serviceToken, request);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            int allowed = 0;
            for (Future<AuthorizeReadResponse> answer : answers) {
                AuthorizeReadResponse response = answer.get();
                if (response.getAllowed()) {
                    allowed++;
                } else {
                    assertEquals("BUDGET_EXHAUSTED", response.getDenialReason());
                }
            }
            assertEquals(5, allowed);
        } finally {
            pool.shutdownNow();
        }
    }
}
