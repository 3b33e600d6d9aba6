package io.mdm.audit.persistence;

import io.mdm.audit.StoryRequests;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessScope;
import io.mdm.audit.access.LegalBasis;
import io.mdm.audit.access.NewAccessRequest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AccessRequestDocumentTest {

    private static final Instant FILED = Instant.parse("2025-03-10T09:00:00.125Z");

    @Test
    void aRevokedRequestWithEveryOptionalPartReadsBackEqual() {
        AccessRequest filed = AccessRequest.file("req-1", StoryRequests.CAROL,
                new NewAccessRequest("E1001", new AccessScope(FILED.minus(Duration.ofDays(7)), FILED,
                        new LinkedHashSet<>(List.of("conv-b", "conv-a"))), LegalBasis.LITIGATION,
                        "Litigation hold review of the sales team's chats.", "LIT-7", 12, 3),
                StoryRequests.RULES, FILED);
        AccessRequest revoked = filed
                .approve(StoryRequests.PAUL, "Fine.", 14, "Ongoing investigation.", "grant-1", StoryRequests.RULES,
                        FILED.plusSeconds(60))
                .revoke(StoryRequests.CAROL, "Case closed.", FILED.plusSeconds(3600));

        assertEquals(revoked, roundTrip(revoked));
    }

    @Test
    void aRejectedRequestWithoutCaseReferenceReadsBackEqual() {
        AccessRequest rejected = StoryRequests.filedByCarol(FILED, 5)
                .reject(StoryRequests.PIA, "Not proportionate.", FILED.plusSeconds(60));
        AccessRequest withoutCase = AccessRequest.file(UUID.randomUUID().toString(), StoryRequests.CAROL,
                new NewAccessRequest("E1001", AccessScope.allConversations(FILED.minusSeconds(60), FILED),
                        LegalBasis.LEGAL_OBLIGATION, "A legal obligation to hand over records.", null, 1, 1),
                StoryRequests.RULES, FILED);

        assertEquals(rejected, roundTrip(rejected));
        assertEquals(withoutCase, roundTrip(withoutCase));
    }

    @Test
    void absentValuesAreLeftOutRatherThanStoredAsNull() {
        Document stored = AccessRequestDocument.fields(StoryRequests.filedByCarol(FILED, 5));

        assertFalse(stored.containsKey("grant"));
        assertFalse(stored.containsKey("rejection"));
        assertFalse(stored.containsKey("revocation"));
        assertFalse(stored.containsValue(null));
    }

    private static AccessRequest roundTrip(AccessRequest request) {
        Document stored = new Document(AccessRequestDocument.ID, request.id());
        stored.putAll(AccessRequestDocument.fields(request));
        return AccessRequestDocument.toRequest(stored);
    }
}
