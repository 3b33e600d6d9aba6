package io.mdm.audit.access;

import static io.mdm.audit.access.AccessFixtures.CAROL;
import static io.mdm.audit.access.AccessFixtures.ERIN_EMPLOYEE;
import static io.mdm.audit.access.AccessFixtures.NOW;
import static io.mdm.audit.access.AccessFixtures.PAUL;
import static io.mdm.audit.access.AccessFixtures.REQUEST_ID;
import static io.mdm.audit.access.AccessFixtures.RULES;
import static io.mdm.audit.access.AccessFixtures.SUBJECT;
import static io.mdm.audit.access.AccessFixtures.assertViolation;
import static io.mdm.audit.access.AccessFixtures.input;
import static io.mdm.audit.access.AccessFixtures.violatedFields;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mdm.audit.access.AccessFixtures.Input;
import io.mdm.audit.access.AccessRuleViolation.Kind;

class AccessRequestFilingTest {

    @Test
    void filedRequestIsPendingAndMustBeDecidedWithinTheConfiguredTime() {
        AccessRequest request = AccessRequest.file(REQUEST_ID, CAROL, input().build(), RULES, NOW);

        assertEquals(AccessRequestStatus.PENDING, request.status());
        assertEquals(0, request.version());
        assertEquals("carol", request.requestedBy());
        assertEquals("E2001", request.requestedByEmployeeId());
        assertEquals(NOW, request.createdAt());
        assertEquals(Instant.parse("2025-03-17T09:00:00Z"), request.decideBefore());
        assertEquals(SUBJECT, request.subjectEmployeeId());
        assertTrue(request.approvals().isEmpty());
        assertNull(request.grant());
    }

    @Test
    void decideBeforeFollowsTheConfiguredDuration() {
        AccessRules rules = new AccessRules(1, Duration.ofHours(48), 30);

        AccessRequest request = AccessRequest.file(REQUEST_ID, CAROL, input().build(), rules, NOW);

        assertEquals(Instant.parse("2025-03-12T09:00:00Z"), request.decideBefore());
    }

    @Test
    void onlyComplianceOfficersFile() {
        assertViolation(Kind.FORBIDDEN, () -> AccessRequest.file(REQUEST_ID, PAUL, input().build(), RULES, NOW));
        assertViolation(Kind.FORBIDDEN,
                () -> AccessRequest.file(REQUEST_ID, ERIN_EMPLOYEE, input().subjectEmployeeId("E1002").build(), RULES, NOW));
        Caller noRoles = new Caller("nobody", null, Set.of());
        assertViolation(Kind.FORBIDDEN, () -> AccessRequest.file(REQUEST_ID, noRoles, input().build(), RULES, NOW));
    }

    @Test
    void requestAboutOneselfIsRejected() {
        Caller officerWhoIsTheSubject = new Caller("erin.co", SUBJECT, Set.of(Caller.COMPLIANCE_OFFICER));

        AccessRuleViolation violation = assertViolation(Kind.FORBIDDEN,
                () -> AccessRequest.file(REQUEST_ID, officerWhoIsTheSubject, input().build(), RULES, NOW));

        assertEquals(403, violation.httpStatus());
        assertTrue(violation.getMessage().contains("Four-eyes"), violation.getMessage());
    }

    @Test
    void requestAboutOneselfIsRejectedWhateverTheCaseOfTheEmployeeId() {
        Caller officerWhoIsTheSubject = new Caller("erin.co", "e1001", Set.of(Caller.COMPLIANCE_OFFICER));

        assertViolation(Kind.FORBIDDEN,
                () -> AccessRequest.file(REQUEST_ID, officerWhoIsTheSubject, input().build(), RULES, NOW));
    }

    @Test
    void requesterWithoutEmployeeIdMayFile() {
        Caller externalCounsel = new Caller("counsel", null, Set.of(Caller.COMPLIANCE_OFFICER));

        AccessRequest request = AccessRequest.file(REQUEST_ID, externalCounsel, input().build(), RULES, NOW);

        assertNull(request.requestedByEmployeeId());
    }

    @Test
    void everyBadFieldIsReportedOnce() {
        NewAccessRequest bad = input()
                .reason("too short")
                .requestedHours(0)
                .maxReads(101)
                .scope(AccessScope.allConversations(NOW, NOW.minusSeconds(1)))
                .build();

        AccessRuleViolation violation = assertViolation(Kind.INVALID,
                () -> AccessRequest.file(REQUEST_ID, CAROL, bad, RULES, NOW));

        assertEquals(400, violation.httpStatus());
        assertEquals(Set.of("reason", "requestedHours", "maxReads", "scope.to"), Set.copyOf(violatedFields(violation)));
        assertEquals(4, violation.violations().size());
    }

    @Test
    void missingFieldsAreReportedAsRequired() {
        NewAccessRequest empty = new NewAccessRequest(null, null, null, null, null, null, null);

        AccessRuleViolation violation = assertViolation(Kind.INVALID,
                () -> AccessRequest.file(REQUEST_ID, CAROL, empty, RULES, NOW));

        assertEquals(Set.of("subjectEmployeeId", "scope", "legalBasis", "reason", "requestedHours", "maxReads"),
                Set.copyOf(violatedFields(violation)));
        assertTrue(violation.violations().stream().allMatch(v -> v.rule().equals(FieldViolation.REQUIRED)));
    }

    @Test
    void scopeWithoutBoundsReportsBothBounds() {
        NewAccessRequest noBounds = input().scope(new AccessScope(null, null, null)).build();

        AccessRuleViolation violation = assertViolation(Kind.INVALID,
                () -> AccessRequest.file(REQUEST_ID, CAROL, noBounds, RULES, NOW));

        assertEquals(List.of("scope.from", "scope.to"), violatedFields(violation));
    }

    @Test
    void reasonIsStoredWithoutSurroundingWhiteSpace() {
        String reason = "Inspection by the competition authority.";

        AccessRequest request = AccessRequest.file(REQUEST_ID, CAROL, input().reason("  " + reason + "\n").build(),
                RULES, NOW);

        assertEquals(reason, request.reason());
    }

    @Test
    void blankCaseReferenceIsStoredAsNone() {
        AccessRequest request = AccessRequest.file(REQUEST_ID, CAROL, input().caseReference("   ").build(), RULES, NOW);

        assertNull(request.caseReference());
    }

    /** Each case changes one field of a valid body; {@code null} as field means the body is valid. */
    static Stream<Arguments> fieldLimits() {
        Instant from = NOW.minus(Duration.ofDays(7));
        return Stream.of(
                // reason: 20..2000 characters after stripping
                Arguments.of("reason 19 chars", input().reason("x".repeat(19)), "reason"),
                Arguments.of("reason 20 chars", input().reason("x".repeat(20)), null),
                Arguments.of("reason 2000 chars", input().reason("x".repeat(2000)), null),
                Arguments.of("reason 2001 chars", input().reason("x".repeat(2001)), "reason"),
                Arguments.of("reason 19 chars padded to 25", input().reason("   " + "x".repeat(19) + "   "), "reason"),
                Arguments.of("reason blank", input().reason(" ".repeat(30)), "reason"),
                // requestedHours: 1..168
                Arguments.of("requestedHours 0", input().requestedHours(0), "requestedHours"),
                Arguments.of("requestedHours 1", input().requestedHours(1), null),
                Arguments.of("requestedHours 168", input().requestedHours(168), null),
                Arguments.of("requestedHours 169", input().requestedHours(169), "requestedHours"),
                Arguments.of("requestedHours negative", input().requestedHours(-1), "requestedHours"),
                // maxReads: 1..100
                Arguments.of("maxReads 0", input().maxReads(0), "maxReads"),
                Arguments.of("maxReads 1", input().maxReads(1), null),
                Arguments.of("maxReads 100", input().maxReads(100), null),
                Arguments.of("maxReads 101", input().maxReads(101), "maxReads"),
                // scope: from strictly before to
                Arguments.of("scope to equals from", input().scope(AccessScope.allConversations(from, from)), "scope.to"),
                Arguments.of("scope to before from",
                        input().scope(AccessScope.allConversations(from, from.minusNanos(1))), "scope.to"),
                Arguments.of("scope to 1ns after from",
                        input().scope(AccessScope.allConversations(from, from.plusNanos(1))), null),
                // subjectEmployeeId: non-blank, at most 64, [A-Za-z0-9._-]+
                Arguments.of("subject blank", input().subjectEmployeeId("  "), "subjectEmployeeId"),
                Arguments.of("subject empty", input().subjectEmployeeId(""), "subjectEmployeeId"),
                Arguments.of("subject 1 char", input().subjectEmployeeId("E"), null),
                Arguments.of("subject 64 chars", input().subjectEmployeeId("E".repeat(64)), null),
                Arguments.of("subject 65 chars", input().subjectEmployeeId("E".repeat(65)), "subjectEmployeeId"),
                Arguments.of("subject all allowed characters", input().subjectEmployeeId("aZ09._-"), null),
                Arguments.of("subject with space", input().subjectEmployeeId("E 1001"), "subjectEmployeeId"),
                Arguments.of("subject with slash", input().subjectEmployeeId("E1001/x"), "subjectEmployeeId"),
                Arguments.of("subject with non-ASCII letter", input().subjectEmployeeId("E1001é"), "subjectEmployeeId"),
                Arguments.of("subject with line break", input().subjectEmployeeId("E1001\n"), "subjectEmployeeId"),
                // caseReference: optional, at most 200
                Arguments.of("caseReference absent", input().caseReference(null), null),
                Arguments.of("caseReference 200 chars", input().caseReference("c".repeat(200)), null),
                Arguments.of("caseReference 201 chars", input().caseReference("c".repeat(201)), "caseReference"),
                // conversationIds: at most 100, each 1..200
                Arguments.of("100 conversations", input().scope(withConversations(conversations(100))), null),
                Arguments.of("101 conversations",
                        input().scope(withConversations(conversations(101))), "scope.conversationIds"),
                Arguments.of("conversation id 1 char", input().scope(withConversations(Set.of("c"))), null),
                Arguments.of("conversation id 200 chars",
                        input().scope(withConversations(Set.of("c".repeat(200)))), null),
                Arguments.of("conversation id 201 chars",
                        input().scope(withConversations(Set.of("c".repeat(201)))), "scope.conversationIds"),
                Arguments.of("conversation id empty",
                        input().scope(withConversations(Set.of("ok", ""))), "scope.conversationIds"),
                Arguments.of("conversation id blank",
                        input().scope(withConversations(Set.of("  "))), "scope.conversationIds"),
                Arguments.of("conversation id null",
                        input().scope(withConversations(nullElement())), "scope.conversationIds"),
                // legalBasis: required
                Arguments.of("legalBasis missing", input().legalBasis(null), "legalBasis"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldLimits")
    void fieldLimitsAreEnforcedOnBothSides(String description, Input input, String expectedBadField) {
        NewAccessRequest body = input.build();
        if (expectedBadField == null) {
            assertDoesNotThrow(() -> AccessRequest.file(REQUEST_ID, CAROL, body, RULES, NOW));
        } else {
            AccessRuleViolation violation = assertViolation(Kind.INVALID,
                    () -> AccessRequest.file(REQUEST_ID, CAROL, body, RULES, NOW));
            assertEquals(List.of(expectedBadField), violatedFields(violation));
        }
    }

    @Test
    void roleIsCheckedBeforeTheFields() {
        NewAccessRequest bad = input().reason("short").build();

        assertViolation(Kind.FORBIDDEN, () -> AccessRequest.file(REQUEST_ID, PAUL, bad, RULES, NOW));
    }

    private static AccessScope withConversations(Set<String> conversationIds) {
        return new AccessScope(NOW.minus(Duration.ofDays(7)), NOW, conversationIds);
    }

    private static Set<String> conversations(int count) {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, count).forEach(i -> ids.add("conversation-" + i));
        return ids;
    }

    private static Set<String> nullElement() {
        Set<String> ids = new HashSet<>();
        ids.add("ok");
        ids.add(null);
        return ids;
    }
}
