package io.mdm.audit.access;

import static io.mdm.audit.access.AccessFixtures.CARLA;
import static io.mdm.audit.access.AccessFixtures.CAROL;
import static io.mdm.audit.access.AccessFixtures.COMMENT;
import static io.mdm.audit.access.AccessFixtures.CORA;
import static io.mdm.audit.access.AccessFixtures.ERIN_EMPLOYEE;
import static io.mdm.audit.access.AccessFixtures.ERIN_PRIVACY_OFFICER;
import static io.mdm.audit.access.AccessFixtures.GRANT_ID;
import static io.mdm.audit.access.AccessFixtures.NOW;
import static io.mdm.audit.access.AccessFixtures.PAUL;
import static io.mdm.audit.access.AccessFixtures.PIA;
import static io.mdm.audit.access.AccessFixtures.RULES;
import static io.mdm.audit.access.AccessFixtures.approvedByPaul;
import static io.mdm.audit.access.AccessFixtures.assertViolation;
import static io.mdm.audit.access.AccessFixtures.filedBy;
import static io.mdm.audit.access.AccessFixtures.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mdm.audit.access.AccessRuleViolation.Kind;

class AccessRequestLifecycleTest {

    private static final Instant REVOKED_AT = NOW.plus(Duration.ofHours(2));

    // --- revoke --------------------------------------------------------------------------------

    @Test
    void requesterRevokingStopsTheGrantAtOnce() {
        AccessRequest approved = approvedByPaul();

        AccessRequest revoked = approved.revoke(CAROL, "Inspection closed.", REVOKED_AT);

        assertEquals(AccessRequestStatus.REVOKED, revoked.status());
        assertEquals(REVOKED_AT, revoked.grant().revokedAt());
        assertTrue(revoked.grant().isRevoked());
        assertEquals(new Revocation("carol", "Inspection closed.", REVOKED_AT), revoked.revocation());
        assertEquals(approved.version() + 1, revoked.version());
    }

    @Test
    void anyPrivacyOfficerMayRevokeAnApprovedRequest() {
        AccessRequest revokedByApprover = approvedByPaul().revoke(PAUL, COMMENT, REVOKED_AT);
        AccessRequest revokedByOther = approvedByPaul().revoke(PIA, COMMENT, REVOKED_AT);

        assertEquals(AccessRequestStatus.REVOKED, revokedByApprover.status());
        assertEquals(AccessRequestStatus.REVOKED, revokedByOther.status());
    }

    @Test
    void anotherComplianceOfficerCannotRevoke() {
        assertViolation(Kind.FORBIDDEN, () -> approvedByPaul().revoke(CORA, COMMENT, REVOKED_AT));
    }

    @Test
    void subjectCannotRevokeEvenAsPrivacyOfficer() {
        assertViolation(Kind.FORBIDDEN, () -> approvedByPaul().revoke(ERIN_PRIVACY_OFFICER, COMMENT, REVOKED_AT));
        assertViolation(Kind.FORBIDDEN, () -> approvedByPaul().revoke(ERIN_EMPLOYEE, COMMENT, REVOKED_AT));
    }

    @Test
    void revocationNeedsAComment() {
        AccessRuleViolation violation = assertViolation(Kind.INVALID,
                () -> approvedByPaul().revoke(CAROL, " ", REVOKED_AT));

        assertEquals(List.of("comment"), violatedFields(violation));
    }

    @Test
    void requesterMayWithdrawAPendingRequest() {
        AccessRequest withdrawn = filedBy(CAROL).revoke(CAROL, "Filed by mistake.", REVOKED_AT);

        assertEquals(AccessRequestStatus.REVOKED, withdrawn.status());
        assertNull(withdrawn.grant());
        assertViolation(Kind.CONFLICT,
                () -> withdrawn.approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, REVOKED_AT));
    }

    @Test
    void privacyOfficerEndsAPendingRequestByRejectingNotRevoking() {
        assertViolation(Kind.CONFLICT, () -> filedBy(CAROL).revoke(PAUL, COMMENT, REVOKED_AT));
    }

    @Test
    void carlaMayWithdrawHerOwnPendingRequest() {
        assertEquals(AccessRequestStatus.REVOKED, filedBy(CARLA).revoke(CARLA, COMMENT, REVOKED_AT).status());
    }

    @Test
    void endedRequestsCannotBeRevoked() {
        AccessRequest rejected = filedBy(CAROL).reject(PAUL, COMMENT, REVOKED_AT);
        AccessRequest revoked = approvedByPaul().revoke(CAROL, COMMENT, REVOKED_AT);
        AccessRequest expired = filedBy(CAROL).expireIfUndecided(NOW.plus(Duration.ofDays(7)));

        for (AccessRequest ended : List.of(rejected, revoked, expired)) {
            assertViolation(Kind.CONFLICT, () -> ended.revoke(CAROL, COMMENT, REVOKED_AT.plusSeconds(1)));
        }
    }

    @Test
    void pendingRequestPastItsDeadlineCannotBeWithdrawn() {
        AccessRequest request = filedBy(CAROL);

        assertViolation(Kind.CONFLICT, () -> request.revoke(CAROL, COMMENT, request.decideBefore()));
    }

    // --- expiry --------------------------------------------------------------------------------

    @Test
    void expireIfUndecidedExpiresAtTheDeadline() {
        AccessRequest request = filedBy(CAROL);

        AccessRequest expired = request.expireIfUndecided(request.decideBefore());

        assertEquals(AccessRequestStatus.EXPIRED, expired.status());
        assertEquals(request.version() + 1, expired.version());
        assertViolation(Kind.CONFLICT,
                () -> expired.approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, request.decideBefore().minusSeconds(1)));
    }

    @Test
    void expireIfUndecidedLeavesARequestBeforeItsDeadlineUnchanged() {
        AccessRequest request = filedBy(CAROL);

        assertSame(request, request.expireIfUndecided(request.decideBefore().minusNanos(1)));
    }

    @Test
    void expireIfUndecidedLeavesDecidedRequestsUnchanged() {
        AccessRequest approved = approvedByPaul();
        AccessRequest rejected = filedBy(CAROL).reject(PAUL, COMMENT, NOW);
        Instant longAfter = NOW.plus(Duration.ofDays(365));

        assertSame(approved, approved.expireIfUndecided(longAfter));
        assertSame(rejected, rejected.expireIfUndecided(longAfter));
    }

    @Test
    void versionGrowsByOneOnEveryTransition() {
        AccessRequest filed = filedBy(CAROL);
        AccessRequest approved = filed.approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, NOW);
        AccessRequest revoked = approved.revoke(CAROL, COMMENT, REVOKED_AT);

        assertEquals(List.of(0L, 1L, 2L), List.of(filed.version(), approved.version(), revoked.version()));
    }

    // --- visibility ----------------------------------------------------------------------------

    @Test
    void privacyOfficersSeeAllRequests() {
        assertTrue(filedBy(CAROL).visibleTo(PAUL));
        assertTrue(filedBy(CORA).visibleTo(PIA));
        assertTrue(filedBy(CAROL).visibleTo(CARLA));
    }

    @Test
    void complianceOfficersSeeOnlyTheirOwn() {
        assertTrue(filedBy(CAROL).visibleTo(CAROL));
        assertFalse(filedBy(CAROL).visibleTo(CORA));
    }

    @Test
    void theSubjectDoesNotSeeTheRequestEvenAsPrivacyOfficer() {
        assertFalse(filedBy(CAROL).visibleTo(ERIN_PRIVACY_OFFICER));
        assertFalse(filedBy(CAROL).visibleTo(ERIN_EMPLOYEE));
    }

    @Test
    void callersWithoutOfficerRolesSeeNothing() {
        assertFalse(filedBy(CAROL).visibleTo(new Caller("sam", null, Set.of("security-analyst"))));
    }

    // --- stored state ----------------------------------------------------------------------------

    @Test
    void storedApprovedRequestWithoutGrantIsRefused() {
        AccessRequest approved = approvedByPaul();

        assertThrows(IllegalArgumentException.class, () -> new AccessRequest(approved.id(), approved.version(),
                approved.subjectEmployeeId(), approved.scope(), approved.legalBasis(), approved.reason(),
                approved.caseReference(), approved.requestedHours(), approved.maxReads(), approved.requestedBy(),
                approved.requestedByEmployeeId(), approved.createdAt(), approved.decideBefore(),
                AccessRequestStatus.APPROVED, approved.approvals(), null, null, null));
    }

    @Test
    void approvalsCannotBeChangedFromOutside() {
        AccessRequest approved = approvedByPaul();

        assertThrows(UnsupportedOperationException.class, () -> approved.approvals().clear());
    }
}
