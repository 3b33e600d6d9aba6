package io.mdm.audit.access;

import static io.mdm.audit.access.AccessFixtures.CARLA;
import static io.mdm.audit.access.AccessFixtures.CAROL;
import static io.mdm.audit.access.AccessFixtures.CORA;
import static io.mdm.audit.access.AccessFixtures.PAUL;
import static io.mdm.audit.access.AccessFixtures.SUBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReadAuthorizationTest {

    /** carol's grant: E1001's chats of [Mar 3, Mar 10), valid [Mar 10 10:00, Mar 11 10:00), 5 reads. */
    private static final Instant SCOPE_FROM = Instant.parse("2025-03-03T00:00:00Z");
    private static final Instant SCOPE_TO = Instant.parse("2025-03-10T00:00:00Z");
    private static final Instant VALID_FROM = Instant.parse("2025-03-10T10:00:00Z");
    private static final Instant VALID_UNTIL = Instant.parse("2025-03-11T10:00:00Z");
    private static final Instant DURING = Instant.parse("2025-03-10T12:00:00Z");
    private static final AccessScope INSIDE = new AccessScope(
            Instant.parse("2025-03-05T00:00:00Z"), Instant.parse("2025-03-06T00:00:00Z"), Set.of());

    private final ReadAuthorization authorization = new ReadAuthorization();

    private static Grant grant(int readsUsed) {
        return grant(AccessScope.allConversations(SCOPE_FROM, SCOPE_TO), readsUsed, null);
    }

    private static Grant grant(AccessScope scope, int readsUsed, Instant revokedAt) {
        return new Grant("grant-1", "req-1", "carol", SUBJECT, scope, VALID_FROM, VALID_UNTIL, 5, readsUsed,
                VALID_FROM, revokedAt);
    }

    private ReadDecision decide(Grant grant, Caller caller, AccessScope requested, Instant now) {
        return authorization.decide(grant, AccessRequestStatus.APPROVED, caller, SUBJECT, requested, now);
    }

    private static void assertDenied(DenialReason expected, ReadDecision decision) {
        ReadDecision.Denied denied = assertInstanceOf(ReadDecision.Denied.class, decision);
        assertEquals(expected, denied.reason(), denied.message());
    }

    @Test
    void readInsideScopeByTheRequesterIsAllowed() {
        ReadDecision decision = decide(grant(2), CAROL, INSIDE, DURING);

        ReadDecision.Allowed allowed = assertInstanceOf(ReadDecision.Allowed.class, decision);
        assertEquals(2, allowed.remainingReadsAfterThisRead());
        assertEquals(VALID_UNTIL, allowed.validUntil());
    }

    @Test
    void lastReadOfTheBudgetIsAllowedWithNothingRemaining() {
        ReadDecision.Allowed allowed = assertInstanceOf(ReadDecision.Allowed.class,
                decide(grant(4), CAROL, INSIDE, DURING));

        assertEquals(0, allowed.remainingReadsAfterThisRead());
    }

    @Test
    void budgetExhaustedDenied() {
        assertDenied(DenialReason.BUDGET_EXHAUSTED, decide(grant(5), CAROL, INSIDE, DURING));
    }

    @Test
    void unknownGrantDenied() {
        assertDenied(DenialReason.UNKNOWN_GRANT,
                authorization.decide(null, null, CAROL, SUBJECT, INSIDE, DURING));
    }

    @Test
    void readByAnotherOfficerDenied() {
        assertDenied(DenialReason.NOT_THE_REQUESTER, decide(grant(0), CORA, INSIDE, DURING));
        assertDenied(DenialReason.NOT_THE_REQUESTER, decide(grant(0), CARLA, INSIDE, DURING));
    }

    @Test
    void anotherOfficerLearnsNothingAboutTheStateOfSomeoneElsesGrant() {
        Grant revoked = grant(AccessScope.allConversations(SCOPE_FROM, SCOPE_TO), 5, DURING);

        assertDenied(DenialReason.NOT_THE_REQUESTER, authorization.decide(revoked, AccessRequestStatus.REVOKED,
                CORA, "E9999", INSIDE, VALID_UNTIL.plusSeconds(1)));
    }

    @Test
    void requesterWhoLostTheComplianceRoleIsDenied() {
        Caller carolWithoutRole = new Caller("carol", "E2001", Set.of("employee"));

        assertDenied(DenialReason.MISSING_ROLE, decide(grant(0), carolWithoutRole, INSIDE, DURING));
    }

    @Test
    void privacyOfficerCannotReadWithAGrant() {
        assertDenied(DenialReason.MISSING_ROLE, decide(grant(0), PAUL, INSIDE, DURING));
    }

    @Test
    void revokedGrantDenies() {
        Grant revoked = grant(AccessScope.allConversations(SCOPE_FROM, SCOPE_TO), 0, DURING.minusSeconds(1));

        assertDenied(DenialReason.REVOKED,
                authorization.decide(revoked, AccessRequestStatus.REVOKED, CAROL, SUBJECT, INSIDE, DURING));
    }

    @Test
    void revokedRequestDeniesEvenIfTheGrantCopyIsNotMarkedYet() {
        assertDenied(DenialReason.REVOKED,
                authorization.decide(grant(0), AccessRequestStatus.REVOKED, CAROL, SUBJECT, INSIDE, DURING));
    }

    @Test
    void revokedGrantDeniesEvenIfTheRequestStatusLagsBehind() {
        Grant revoked = grant(AccessScope.allConversations(SCOPE_FROM, SCOPE_TO), 0, DURING.minusSeconds(1));

        assertDenied(DenialReason.REVOKED, decide(revoked, CAROL, INSIDE, DURING));
    }

    @Test
    void grantOfARequestThatIsNotApprovedDenies() {
        for (AccessRequestStatus status : Set.of(AccessRequestStatus.PENDING, AccessRequestStatus.REJECTED,
                AccessRequestStatus.EXPIRED)) {
            assertDenied(DenialReason.NOT_APPROVED,
                    authorization.decide(grant(0), status, CAROL, SUBJECT, INSIDE, DURING));
        }
    }

    @Test
    void readAboutAnotherEmployeeDenied() {
        assertDenied(DenialReason.WRONG_SUBJECT,
                authorization.decide(grant(0), AccessRequestStatus.APPROVED, CAROL, "E1002", INSIDE, DURING));
        assertDenied(DenialReason.WRONG_SUBJECT,
                authorization.decide(grant(0), AccessRequestStatus.APPROVED, CAROL, null, INSIDE, DURING));
    }

    @Test
    void readBeforeTheGrantIsValidDenied() {
        assertDenied(DenialReason.NOT_YET_VALID, decide(grant(0), CAROL, INSIDE, VALID_FROM.minusNanos(1)));
        assertInstanceOf(ReadDecision.Allowed.class, decide(grant(0), CAROL, INSIDE, VALID_FROM));
    }

    @Test
    void readAfterExpiryDenied() {
        assertDenied(DenialReason.EXPIRED, decide(grant(0), CAROL, INSIDE, VALID_UNTIL));
        assertDenied(DenialReason.EXPIRED, decide(grant(0), CAROL, INSIDE, VALID_UNTIL.plusSeconds(3600)));
        assertInstanceOf(ReadDecision.Allowed.class, decide(grant(0), CAROL, INSIDE, VALID_UNTIL.minusNanos(1)));
    }

    @Test
    void readOutsideTimeRangeDenied() {
        AccessScope reachingBack = new AccessScope(SCOPE_FROM.minusSeconds(1), SCOPE_TO, Set.of());
        AccessScope reachingForward = new AccessScope(SCOPE_FROM, SCOPE_TO.plusSeconds(1), Set.of());

        assertDenied(DenialReason.OUT_OF_SCOPE, decide(grant(0), CAROL, reachingBack, DURING));
        assertDenied(DenialReason.OUT_OF_SCOPE, decide(grant(0), CAROL, reachingForward, DURING));
        assertInstanceOf(ReadDecision.Allowed.class,
                decide(grant(0), CAROL, new AccessScope(SCOPE_FROM, SCOPE_TO, Set.of()), DURING));
    }

    @Test
    void readOfOtherConversationDenied() {
        Grant oneConversation = grant(new AccessScope(SCOPE_FROM, SCOPE_TO, Set.of("conv-1")), 0, null);

        assertDenied(DenialReason.OUT_OF_SCOPE,
                decide(oneConversation, CAROL, new AccessScope(SCOPE_FROM, SCOPE_TO, Set.of("conv-2")), DURING));
        assertDenied(DenialReason.OUT_OF_SCOPE,
                decide(oneConversation, CAROL, new AccessScope(SCOPE_FROM, SCOPE_TO, Set.of()), DURING));
        assertInstanceOf(ReadDecision.Allowed.class,
                decide(oneConversation, CAROL, new AccessScope(SCOPE_FROM, SCOPE_TO, Set.of("conv-1")), DURING));
    }

    @Test
    void grantFromAnApprovalIsUsableByItsRequester() {
        AccessRequest approved = AccessFixtures.approvedByPaul();
        Instant afterApproval = approved.grant().validFrom().plusSeconds(1);
        AccessScope lastDay = new AccessScope(AccessFixtures.NOW.minusSeconds(86_400), AccessFixtures.NOW, Set.of());

        ReadDecision decision = authorization.decide(approved.grant(), approved.status(), CAROL, SUBJECT, lastDay,
                afterApproval);

        ReadDecision.Allowed allowed = assertInstanceOf(ReadDecision.Allowed.class, decision);
        assertEquals(4, allowed.remainingReadsAfterThisRead());
    }

    @Test
    void grantOfARevokedRequestIsRefusedRightAfterRevocation() {
        AccessRequest approved = AccessFixtures.approvedByPaul();
        Instant revokedAt = approved.grant().validFrom().plusSeconds(10);
        AccessRequest revoked = approved.revoke(CAROL, "Inspection closed.", revokedAt);
        AccessScope lastDay = new AccessScope(AccessFixtures.NOW.minusSeconds(86_400), AccessFixtures.NOW, Set.of());

        assertDenied(DenialReason.REVOKED, authorization.decide(revoked.grant(), revoked.status(), CAROL, SUBJECT,
                lastDay, revokedAt));
    }
}
