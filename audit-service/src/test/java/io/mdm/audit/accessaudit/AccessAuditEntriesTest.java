package io.mdm.audit.accessaudit;

import io.mdm.audit.StoryRequests;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.log.store.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AccessAuditEntriesTest {

    private static final AccessAuditEntries ENTRIES = new AccessAuditEntries("/mdm/audit-service");
    private static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");

    @Test
    void aFiledRequestIsRequestedByItsRequesterWithReasonAndScope() {
        AccessRequest filed = StoryRequests.filedByCarol(NOW, 5);

        AuditEntry entry = ENTRIES.entryFor(filed);

        assertEquals(AccessAuditEntries.REQUESTED, entry.type());
        assertEquals("carol", entry.actor());
        assertEquals(StoryRequests.ERIN, entry.subjectEmployeeId());
        assertEquals(filed.id(), entry.data().path("requestId").asText());
        assertEquals("PENDING", entry.data().path("status").asText());
        assertEquals("REGULATORY_INVESTIGATION", entry.data().path("legalBasis").asText());
        assertEquals(filed.reason(), entry.data().path("reason").asText());
        assertEquals("2025-03-03T09:00:00.000Z", entry.data().path("scope").path("from").asText());
        assertEquals(5, entry.data().path("maxReads").asInt());
    }

    @Test
    void theCompletingApprovalCarriesTheGrantCommentAndNoticeDelay() {
        AccessRequest filed = StoryRequests.filedByCarol(NOW, 5);
        AccessRequest approved = filed.approve(StoryRequests.PAUL, "Proportionate.", 14, "Ongoing investigation.",
                "grant-1", StoryRequests.RULES, NOW.plusSeconds(60));

        AuditEntry entry = ENTRIES.entryFor(approved);

        assertEquals(AccessAuditEntries.APPROVED, entry.type());
        assertEquals("paul", entry.actor());
        assertEquals("APPROVED", entry.data().path("status").asText());
        assertEquals("Proportionate.", entry.data().path("comment").asText());
        assertEquals("Ongoing investigation.", entry.data().path("delayReason").asText());
        assertEquals("grant-1", entry.data().path("grant").path("id").asText());
        assertEquals(5, entry.data().path("grant").path("maxReads").asInt());
        assertEquals("2025-03-24T09:01:00.000Z", entry.data().path("notifySubjectAt").asText());
        assertNotEquals(ENTRIES.entryFor(filed).sourceId(), entry.sourceId());
    }

    @Test
    void rejectionRevocationAndExpiryNameWhoEndedTheRequest() {
        AccessRequest filed = StoryRequests.filedByCarol(NOW, 5);

        AuditEntry rejected = ENTRIES.entryFor(filed.reject(StoryRequests.PIA, "Not proportionate.", NOW));
        AuditEntry revoked = ENTRIES.entryFor(StoryRequests.approvedByPaul(filed, NOW)
                .revoke(StoryRequests.CAROL, "Case closed.", NOW));
        AuditEntry expired = ENTRIES.entryFor(filed.expireIfUndecided(NOW.plus(Duration.ofDays(8))));

        assertEquals(AccessAuditEntries.REJECTED, rejected.type());
        assertEquals("pia", rejected.actor());
        assertEquals("Not proportionate.", rejected.data().path("comment").asText());
        assertEquals(AccessAuditEntries.REVOKED, revoked.type());
        assertEquals("carol", revoked.actor());
        assertFalse(revoked.data().path("grantId").asText().isEmpty());
        assertEquals(AccessAuditEntries.EXPIRED, expired.type());
        assertEquals("/mdm/audit-service", expired.actor());
    }

    @Test
    void aWithdrawnRequestWithoutGrantIsRevokedWithoutGrantId() {
        AccessRequest filed = StoryRequests.filedByCarol(NOW, 5);

        AuditEntry withdrawn = ENTRIES.entryFor(filed.revoke(StoryRequests.CAROL, "Filed by mistake.", NOW));

        assertEquals(AccessAuditEntries.REVOKED, withdrawn.type());
        assertFalse(withdrawn.data().has("grantId"));
        assertEquals("access-request:" + filed.id() + ":1", withdrawn.sourceId());
    }
}
