package io.mdm.audit.access;

import static io.mdm.audit.access.AccessFixtures.CARLA;
import static io.mdm.audit.access.AccessFixtures.CAROL;
import static io.mdm.audit.access.AccessFixtures.COMMENT;
import static io.mdm.audit.access.AccessFixtures.ERIN_EMPLOYEE;
import static io.mdm.audit.access.AccessFixtures.ERIN_PRIVACY_OFFICER;
import static io.mdm.audit.access.AccessFixtures.GRANT_ID;
import static io.mdm.audit.access.AccessFixtures.NOW;
import static io.mdm.audit.access.AccessFixtures.PAUL;
import static io.mdm.audit.access.AccessFixtures.PIA;
import static io.mdm.audit.access.AccessFixtures.REQUEST_ID;
import static io.mdm.audit.access.AccessFixtures.RULES;
import static io.mdm.audit.access.AccessFixtures.SUBJECT;
import static io.mdm.audit.access.AccessFixtures.assertViolation;
import static io.mdm.audit.access.AccessFixtures.filedBy;
import static io.mdm.audit.access.AccessFixtures.input;
import static io.mdm.audit.access.AccessFixtures.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mdm.audit.access.AccessRuleViolation.Kind;

class AccessRequestDecisionTest {

    private static final AccessRules TWO_APPROVERS = new AccessRules(2, Duration.ofDays(7), 30);
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));

    // --- four-eyes ---------------------------------------------------------------------------

    @Test
    void approvalBySameUserIsRejected() {
        Caller bothRolesNoEmployeeId = new Caller("dana", null,
                Set.of(Caller.COMPLIANCE_OFFICER, Caller.PRIVACY_OFFICER));
        AccessRequest request = filedBy(bothRolesNoEmployeeId);

        AccessRuleViolation violation = assertViolation(Kind.FORBIDDEN,
                () -> request.approve(bothRolesNoEmployeeId, COMMENT, null, null, GRANT_ID, RULES, LATER));

        assertTrue(violation.getMessage().contains("Four-eyes"), violation.getMessage());
    }

    @Test
    void carlaHoldingBothRolesCannotApproveHerOwnRequest() {
        AccessRequest request = filedBy(CARLA);

        AccessRuleViolation violation = assertViolation(Kind.FORBIDDEN,
                () -> request.approve(CARLA, COMMENT, null, null, GRANT_ID, RULES, LATER));

        assertEquals(403, violation.httpStatus());
        assertTrue(violation.getMessage().contains("Four-eyes"), violation.getMessage());
    }

    @Test
    void carlaMayApproveSomeoneElsesRequest() {
        AccessRequest approved = filedBy(CAROL).approve(CARLA, COMMENT, null, null, GRANT_ID, RULES, LATER);

        assertEquals(AccessRequestStatus.APPROVED, approved.status());
    }

    @Test
    void requesterCannotApproveWithASecondAccountOfTheSameEmployee() {
        Caller carolsOtherAccount = new Caller("carol.po", "E2001", Set.of(Caller.PRIVACY_OFFICER));

        assertViolation(Kind.FORBIDDEN,
                () -> filedBy(CAROL).approve(carolsOtherAccount, COMMENT, null, null, GRANT_ID, RULES, LATER));
    }

    @Test
    void userNameSpelledInAnotherCaseIsTheSamePerson() {
        Caller carlaUpperCase = new Caller("CARLA", null, Set.of(Caller.PRIVACY_OFFICER));

        assertViolation(Kind.FORBIDDEN,
                () -> filedBy(CARLA).approve(carlaUpperCase, COMMENT, null, null, GRANT_ID, RULES, LATER));
    }

    @Test
    void employeeIdsAreComparedOnlyWhenBothSidesHaveOne() {
        Caller requesterWithoutEmployeeId = new Caller("counsel", null, Set.of(Caller.COMPLIANCE_OFFICER));

        AccessRequest approved = filedBy(requesterWithoutEmployeeId)
                .approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, LATER);

        assertEquals(AccessRequestStatus.APPROVED, approved.status());
    }

    @Test
    void approvalBySubjectIsRejected() {
        AccessRuleViolation violation = assertViolation(Kind.FORBIDDEN,
                () -> filedBy(CAROL).approve(ERIN_PRIVACY_OFFICER, COMMENT, null, null, GRANT_ID, RULES, LATER));

        assertTrue(violation.getMessage().contains("Four-eyes"), violation.getMessage());
    }

    @Test
    void rejectionBySubjectIsRejected() {
        assertViolation(Kind.FORBIDDEN, () -> filedBy(CAROL).reject(ERIN_PRIVACY_OFFICER, COMMENT, LATER));
    }

    @Test
    void rejectionByRequesterIsRejected() {
        assertViolation(Kind.FORBIDDEN, () -> filedBy(CARLA).reject(CARLA, COMMENT, LATER));
    }

    @Test
    void onlyPrivacyOfficersDecide() {
        AccessRequest request = filedBy(CAROL);
        Caller otherComplianceOfficer = new Caller("cora", "E2003", Set.of(Caller.COMPLIANCE_OFFICER));
        Caller employee = new Caller("ed", "E1002", Set.of("employee"));

        for (Caller notPrivacyOfficer : List.of(otherComplianceOfficer, employee, ERIN_EMPLOYEE)) {
            assertViolation(Kind.FORBIDDEN,
                    () -> request.approve(notPrivacyOfficer, COMMENT, null, null, GRANT_ID, RULES, LATER));
            assertViolation(Kind.FORBIDDEN, () -> request.reject(notPrivacyOfficer, COMMENT, LATER));
        }
    }

    // --- approval and grant ------------------------------------------------------------------

    @Test
    void approvalByAnotherPrivacyOfficerApprovesAndRecordsTheApproval() {
        AccessRequest approved = filedBy(CAROL).approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, LATER);

        assertEquals(AccessRequestStatus.APPROVED, approved.status());
        assertEquals(1, approved.version());
        assertEquals(List.of(new Approval("paul", "E3001", COMMENT, LATER, 0, null)), approved.approvals());
    }

    @Test
    void grantValidityWindowAndNotifySubjectAt() {
        // carol asked for 24 hours and 5 reads; paul approves one hour after filing, delaying 14 days
        AccessRequest approved = filedBy(CAROL)
                .approve(PAUL, COMMENT, 14, "Ongoing inspection", GRANT_ID, RULES, LATER);

        Grant grant = approved.grant();
        assertEquals(GRANT_ID, grant.id());
        assertEquals(REQUEST_ID, grant.requestId());
        assertEquals("carol", grant.requestedBy());
        assertEquals(SUBJECT, grant.subjectEmployeeId());
        assertEquals(AccessFixtures.lastSevenDays(), grant.scope());
        assertEquals(Instant.parse("2025-03-10T10:00:00Z"), grant.validFrom());
        assertEquals(Instant.parse("2025-03-11T10:00:00Z"), grant.validUntil());
        assertEquals(5, grant.maxReads());
        assertEquals(0, grant.readsUsed());
        assertEquals(Instant.parse("2025-03-24T10:00:00Z"), grant.notifySubjectAt());
        assertFalse(grant.isRevoked());
    }

    @Test
    void grantLastsTheRequestedHours() {
        AccessRequest request = AccessRequest.file(REQUEST_ID, CAROL, input().requestedHours(168).build(), RULES, NOW);

        Grant grant = request.approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, LATER).grant();

        assertEquals(Instant.parse("2025-03-17T10:00:00Z"), grant.validUntil());
    }

    @Test
    void withoutDelayTheSubjectIsNotifiedAtApproval() {
        Grant grant = filedBy(CAROL).approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, LATER).grant();

        assertEquals(LATER, grant.notifySubjectAt());
    }

    @Test
    void twoApproversConfiguredNeedTwoDistinctPeople() {
        AccessRequest once = AccessRequest.file(REQUEST_ID, CAROL, input().build(), TWO_APPROVERS, NOW)
                .approve(PAUL, COMMENT, null, null, GRANT_ID, TWO_APPROVERS, LATER);

        assertEquals(AccessRequestStatus.PENDING, once.status());
        assertNull(once.grant());
        assertEquals(1, once.approvals().size());

        AccessRequest twice = once.approve(PIA, COMMENT, null, null, GRANT_ID, TWO_APPROVERS, LATER.plusSeconds(60));

        assertEquals(AccessRequestStatus.APPROVED, twice.status());
        assertEquals(List.of("paul", "pia"), twice.approvals().stream().map(Approval::approver).toList());
        assertEquals(LATER.plusSeconds(60), twice.grant().validFrom());
        assertEquals(2, twice.version());
    }

    @Test
    void sameApproverTwiceIsConflict() {
        AccessRequest once = AccessRequest.file(REQUEST_ID, CAROL, input().build(), TWO_APPROVERS, NOW)
                .approve(PAUL, COMMENT, null, null, GRANT_ID, TWO_APPROVERS, LATER);

        AccessRuleViolation violation = assertViolation(Kind.CONFLICT,
                () -> once.approve(PAUL, COMMENT, null, null, GRANT_ID, TWO_APPROVERS, LATER.plusSeconds(60)));
        assertEquals(409, violation.httpStatus());

        Caller paulsOtherAccount = new Caller("paul.admin", "E3001", Set.of(Caller.PRIVACY_OFFICER));
        assertViolation(Kind.CONFLICT,
                () -> once.approve(paulsOtherAccount, COMMENT, null, null, GRANT_ID, TWO_APPROVERS, LATER));
    }

    @Test
    void notifySubjectAtUsesTheLongestDelayAmongApprovers() {
        AccessRequest once = AccessRequest.file(REQUEST_ID, CAROL, input().build(), TWO_APPROVERS, NOW)
                .approve(PAUL, COMMENT, 14, "Ongoing inspection", GRANT_ID, TWO_APPROVERS, LATER);
        Instant finalApproval = LATER.plus(Duration.ofDays(1));

        AccessRequest approved = once.approve(PIA, COMMENT, 3, "Witness interviews pending", GRANT_ID,
                TWO_APPROVERS, finalApproval);

        assertEquals(finalApproval.plus(Duration.ofDays(14)), approved.grant().notifySubjectAt());
    }

    @Test
    void oneRejectionRejects() {
        AccessRequest once = AccessRequest.file(REQUEST_ID, CAROL, input().build(), TWO_APPROVERS, NOW)
                .approve(PAUL, COMMENT, null, null, GRANT_ID, TWO_APPROVERS, LATER);

        AccessRequest rejected = once.reject(PIA, "Not proportionate.", LATER.plusSeconds(60));

        assertEquals(AccessRequestStatus.REJECTED, rejected.status());
        assertNull(rejected.grant());
        assertEquals(new Rejection("pia", "E3002", "Not proportionate.", LATER.plusSeconds(60)), rejected.rejection());
        assertViolation(Kind.CONFLICT,
                () -> rejected.approve(CARLA, COMMENT, null, null, GRANT_ID, TWO_APPROVERS, LATER.plusSeconds(120)));
    }

    @Test
    void decidedRequestCannotBeDecidedAgain() {
        AccessRequest approved = filedBy(CAROL).approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, LATER);

        AccessRuleViolation violation = assertViolation(Kind.CONFLICT,
                () -> approved.approve(PIA, COMMENT, null, null, GRANT_ID, RULES, LATER));
        assertTrue(violation.getMessage().contains("already decided"), violation.getMessage());
        assertViolation(Kind.CONFLICT, () -> approved.reject(PIA, COMMENT, LATER));
    }

    // --- deadline ----------------------------------------------------------------------------

    @Test
    void decisionAfterDecideBeforeIsConflict() {
        AccessRequest request = filedBy(CAROL);
        Instant deadline = request.decideBefore();

        assertViolation(Kind.CONFLICT,
                () -> request.approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, deadline));
        assertViolation(Kind.CONFLICT, () -> request.reject(PAUL, COMMENT, deadline));
        assertViolation(Kind.CONFLICT,
                () -> request.approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, deadline.plusSeconds(1)));
    }

    @Test
    void decisionJustBeforeDecideBeforeCounts() {
        AccessRequest request = filedBy(CAROL);
        Instant lastMoment = request.decideBefore().minusNanos(1);

        assertEquals(AccessRequestStatus.APPROVED,
                request.approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, lastMoment).status());
        assertEquals(AccessRequestStatus.REJECTED, request.reject(PAUL, COMMENT, lastMoment).status());
    }

    // --- notification delay and comment ------------------------------------------------------

    @Test
    void delayWithoutReasonIs422() {
        AccessRequest request = filedBy(CAROL);

        AccessRuleViolation withoutReason = assertViolation(Kind.UNPROCESSABLE,
                () -> request.approve(PAUL, COMMENT, 14, null, GRANT_ID, RULES, LATER));
        assertEquals(422, withoutReason.httpStatus());
        assertViolation(Kind.UNPROCESSABLE, () -> request.approve(PAUL, COMMENT, 1, "   ", GRANT_ID, RULES, LATER));
    }

    @Test
    void noDelayNeedsNoReason() {
        AccessRequest approved = filedBy(CAROL).approve(PAUL, COMMENT, 0, null, GRANT_ID, RULES, LATER);

        assertEquals(AccessRequestStatus.APPROVED, approved.status());
    }

    @Test
    void delayOver30Is400() {
        AccessRequest request = filedBy(CAROL);

        AccessRuleViolation violation = assertViolation(Kind.INVALID,
                () -> request.approve(PAUL, COMMENT, 31, "Ongoing inspection", GRANT_ID, RULES, LATER));

        assertEquals(List.of("notifySubjectAfterDays"), violatedFields(violation));
    }

    @Test
    void delayOf30IsAccepted() {
        Grant grant = filedBy(CAROL).approve(PAUL, COMMENT, 30, "Ongoing inspection", GRANT_ID, RULES, LATER).grant();

        assertEquals(LATER.plus(Duration.ofDays(30)), grant.notifySubjectAt());
    }

    @Test
    void negativeDelayIs400() {
        AccessRuleViolation violation = assertViolation(Kind.INVALID,
                () -> filedBy(CAROL).approve(PAUL, COMMENT, -1, null, GRANT_ID, RULES, LATER));

        assertEquals(List.of("notifySubjectAfterDays"), violatedFields(violation));
    }

    @Test
    void configuredMaximumDelayBelow30IsEnforced() {
        AccessRules tenDays = new AccessRules(1, Duration.ofDays(7), 10);
        AccessRequest request = AccessRequest.file(REQUEST_ID, CAROL, input().build(), tenDays, NOW);

        assertViolation(Kind.INVALID, () -> request.approve(PAUL, COMMENT, 11, "Ongoing", GRANT_ID, tenDays, LATER));
        assertEquals(AccessRequestStatus.APPROVED,
                request.approve(PAUL, COMMENT, 10, "Ongoing", GRANT_ID, tenDays, LATER).status());
    }

    @Test
    void commentLengthIsEnforcedOnBothSides() {
        AccessRequest request = filedBy(CAROL);

        for (String bad : new String[] {null, "", "   ", "c".repeat(2001)}) {
            AccessRuleViolation approveViolation = assertViolation(Kind.INVALID,
                    () -> request.approve(PAUL, bad, null, null, GRANT_ID, RULES, LATER));
            assertEquals(List.of("comment"), violatedFields(approveViolation));
            AccessRuleViolation rejectViolation = assertViolation(Kind.INVALID,
                    () -> request.reject(PAUL, bad, LATER));
            assertEquals(List.of("comment"), violatedFields(rejectViolation));
        }
        assertNotNull(request.approve(PAUL, "c", null, null, GRANT_ID, RULES, LATER).grant());
        assertNotNull(request.approve(PAUL, "c".repeat(2000), null, null, GRANT_ID, RULES, LATER).grant());
        assertEquals(AccessRequestStatus.REJECTED, request.reject(PAUL, "c", LATER).status());
        assertEquals(AccessRequestStatus.REJECTED, request.reject(PAUL, "c".repeat(2000), LATER).status());
    }

    @Test
    void delayReasonLongerThan2000Is400() {
        AccessRuleViolation violation = assertViolation(Kind.INVALID,
                () -> filedBy(CAROL).approve(PAUL, COMMENT, 5, "r".repeat(2001), GRANT_ID, RULES, LATER));

        assertEquals(List.of("delayReason"), violatedFields(violation));
    }
}
