package io.mdm.audit;

import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessRules;
import io.mdm.audit.access.AccessScope;
import io.mdm.audit.access.Caller;
import io.mdm.audit.access.LegalBasis;
import io.mdm.audit.access.NewAccessRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/** Requests of the product story, built through the domain, for tests that store them directly. */
public final class StoryRequests {

    public static final AccessRules RULES = AccessRules.defaults();
    public static final Caller CAROL = new Caller("carol", "E2001", Set.of(Caller.COMPLIANCE_OFFICER));
    public static final Caller PAUL = new Caller("paul", "E2003", Set.of(Caller.PRIVACY_OFFICER));
    public static final Caller PIA = new Caller("pia", "E2004", Set.of(Caller.PRIVACY_OFFICER));
    public static final String ERIN = "E1001";

    private StoryRequests() {
    }

    /** Now, to the millisecond the store keeps. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Carol's request for the last seven days of erin's chats, filed at {@code filedAt}. */
    public static AccessRequest filedByCarol(Instant filedAt, int maxReads) {
        return AccessRequest.file(UUID.randomUUID().toString(), CAROL,
                new NewAccessRequest(ERIN, AccessScope.allConversations(filedAt.minus(Duration.ofDays(7)), filedAt),
                        LegalBasis.REGULATORY_INVESTIGATION,
                        "Competition authority inspection of the sales team, chats of the last week.",
                        "CA-2025-042", 24, maxReads),
                RULES, filedAt);
    }

    public static AccessRequest approvedByPaul(AccessRequest pending, Instant at) {
        return pending.approve(PAUL, "Proportionate to the inspection.", 0, null, UUID.randomUUID().toString(),
                RULES, at);
    }
}
