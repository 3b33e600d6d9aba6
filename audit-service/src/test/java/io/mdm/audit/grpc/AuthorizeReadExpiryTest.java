package io.mdm.audit.grpc;

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
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AuthorizeRead at the end of a grant's life, on the application's clock: a grant works for the
 * requestedHours after its approval and not a moment longer.
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AuthorizeReadExpiryTest {

    private static final String ERIN = "E1001";
    /** What AccessRequestsApi files every request with. */
    private static final Duration REQUESTED_HOURS = Duration.ofHours(24);
    private static final Instant FROM = Instant.parse(AccessRequestsApi.SCOPE_FROM);
    private static final Instant TO = Instant.parse(AccessRequestsApi.SCOPE_TO);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AdjustableClock clock;

    private AccessGrantsChannel channel;

    @BeforeEach
    void open() {
        channel = new AccessGrantsChannel();
    }

    @AfterEach
    void backToRealTime() {
        clock.reset();
        channel.close();
    }

    @Test
    void aGrantUsedOnceIsDeniedAsExpiredOnceItsRequestedHoursSinceApprovalHavePassedAndTheDenialIsAudited()
            throws Exception {
        String requestId = AccessRequestsApi.file("carol", ERIN, List.of(), 5);
        Instant approvalStarted = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Approved approved = AccessRequestsApi.approvedByPaul(requestId, 0);
        Instant approvalEnded = Instant.now();
        Reader carol = new Reader(approved);

        AuthorizeReadResponse used = carol.read();
        assertTrue(used.getAllowed(), used.getDenialReason());
        assertEquals(4, used.getRemainingReads());
        Instant validUntil = instant(used.getValidUntil());
        assertFalse(validUntil.isBefore(approvalStarted.plus(REQUESTED_HOURS)), "ends before approval + 24 h");
        assertFalse(validUntil.isAfter(approvalEnded.plus(REQUESTED_HOURS)), "ends after approval + 24 h");

        moveClockTo(validUntil.plusSeconds(1));
        AuthorizeReadResponse expired = carol.read();

        assertFalse(expired.getAllowed());
        assertEquals("EXPIRED", expired.getDenialReason());
        assertTrue(expired.getAuditSeq() > used.getAuditSeq());
        JsonNode record = auditRecord(expired.getAuditSeq());
        assertEquals("mdm.access.read-denied", record.path("type").asText());
        assertEquals("carol", record.path("actor").asText());
        assertEquals(ERIN, record.path("subjectEmployeeId").asText());
        assertEquals("EXPIRED", record.path("data").path("denialReason").asText());
        assertEquals(approved.grantId(), record.path("data").path("grantId").asText());
        assertEquals(approved.requestId(), record.path("data").path("requestId").asText());
        assertFalse(Instant.parse(record.path("time").asText()).isBefore(validUntil),
                "the denial was not decided on the application's clock");
    }

    @Test
    void aGrantStillWorksOneSecondBeforeItExpires() throws Exception {
        Reader carol = new Reader(AccessRequestsApi.carolsApprovedRequest(ERIN, List.of(), 5));
        AuthorizeReadResponse used = carol.read();
        assertTrue(used.getAllowed(), used.getDenialReason());
        Instant validUntil = instant(used.getValidUntil());

        Instant moved = moveClockTo(validUntil.minusSeconds(1));
        AuthorizeReadResponse lastSecond = carol.read();

        assertTrue(lastSecond.getAllowed(), lastSecond.getDenialReason() + ", " + Duration.between(moved,
                clock.instant()).toMillis() + " ms after the move: the call must land within the last second");
        assertEquals(3, lastSecond.getRemainingReads());
        assertEquals(validUntil, instant(lastSecond.getValidUntil()));
        JsonNode record = auditRecord(lastSecond.getAuditSeq());
        assertEquals("mdm.access.read-authorized", record.path("type").asText());
        assertTrue(Instant.parse(record.path("time").asText()).isBefore(validUntil));
    }

    /**
     * Carol reading erin's chats in scope through the backup-service's channel. The tokens are
     * fetched once, before the clock moves, so that the call right after a move is quick and
     * lands where the move aimed (the clock keeps running).
     */
    private final class Reader {

        private final String serviceToken = TestInfrastructure.get().realm()
                .clientCredentialsToken("backup-service", "backup-service-local-secret");
        private final AuthorizeReadRequest request;

        Reader(Approved approved) {
            request = AuthorizeReadRequest.newBuilder()
                    .setGrantId(approved.grantId())
                    .setSubjectEmployeeId(ERIN)
                    .setFrom(timestamp(FROM))
                    .setTo(timestamp(TO))
                    .setCallerToken(AuditApi.token("carol"))
                    .build();
        }

        AuthorizeReadResponse read() {
            return channel.authorizeRead(serviceToken, request);
        }
    }

    /** @return the target, which the clock shows right after the move and then runs on from */
    private Instant moveClockTo(Instant target) {
        clock.advance(Duration.between(clock.instant(), target));
        return target;
    }

    /** The audit record with this seq, as the security analyst reads it. */
    private static JsonNode auditRecord(long seq) throws Exception {
        JsonNode page = JSON.readTree(AuditApi.get(AuditApi.ANALYST, "/records?limit=1&afterSeq=" + (seq - 1))
                .statusCode(200).extract().asString());
        JsonNode record = page.path("items").path(0);
        assertEquals(seq, record.path("seq").asLong(), "no record with seq " + seq);
        return record;
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
