package io.mdm.backup;

import io.mdm.backup.domain.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegalHoldTest {

    private static final Instant PLACED = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2025-04-01T09:00:00Z");
    private static final String REASON = "Competition authority inspection, case file 17";

    private static LegalHold active() {
        return LegalHold.place("h1", List.of("E1001", "E1002"), "CASE-17", REASON, "carol", PLACED);
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    private static List<Violation> violationsOf(Runnable action) {
        return assertThrows(InvalidLegalHoldException.class, action::run).violations();
    }

    @Test
    void placedHoldIsActiveAndNamesEveryEmployeeInOrder() {
        LegalHold hold = active();
        assertEquals(LegalHold.Status.ACTIVE, hold.status());
        assertTrue(hold.isActive());
        assertEquals(List.of("E1001", "E1002"), hold.employeeIds());
        assertNull(hold.releasedBy());
        assertNull(hold.releasedAt());
    }

    @Test
    void validRequestHasNoViolations() {
        assertEquals(List.of(), LegalHold.check(List.of("E1001", "a.b_c-9"), "C", "ten chars!"));
    }

    @Test
    void emptyOrMissingEmployeeListIsASizeViolation() {
        assertEquals(List.of(new Violation("employeeIds", "size", "must hold 1 to 100 employee ids")),
                LegalHold.check(List.of(), "CASE-17", REASON));
        assertEquals(List.of("employeeIds"), fields(LegalHold.check(null, "CASE-17", REASON)));
    }

    @Test
    void atMostOneHundredEmployees() {
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "E" + i).toList();
        List<String> hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "E" + i).toList();
        assertEquals(List.of(), LegalHold.check(hundred, "CASE-17", REASON));
        assertEquals(List.of("employeeIds"), fields(LegalHold.check(hundredAndOne, "CASE-17", REASON)));
    }

    @Test
    void malformedEmployeeIdsAreNamedByPosition() {
        List<String> ids = new ArrayList<>(Arrays.asList("E1001", "E 1002", null, "", "x".repeat(65), "x".repeat(64)));
        List<Violation> violations = LegalHold.check(ids, "CASE-17", REASON);
        assertEquals(List.of("employeeIds[1]", "employeeIds[2]", "employeeIds[3]", "employeeIds[4]"), fields(violations));
        assertEquals(List.of("format", "required", "required", "format"), violations.stream().map(Violation::rule).toList());
    }

    @Test
    void repeatedEmployeeIdIsNamedWhereItRepeats() {
        List<Violation> violations = LegalHold.check(List.of("E1001", "E1002", "E1001"), "CASE-17", REASON);
        assertEquals(List.of(new Violation("employeeIds[2]", "unique", "repeats employeeIds[0]")), violations);
    }

    @Test
    void employeeIdsDifferingInCaseAreDistinct() {
        assertEquals(List.of(), LegalHold.check(List.of("e1001", "E1001"), "CASE-17", REASON));
    }

    @Test
    void caseReferenceIsRequiredAndAtMost200Characters() {
        assertEquals(List.of("caseReference"), fields(LegalHold.check(List.of("E1"), " ", REASON)));
        assertEquals(List.of("caseReference"), fields(LegalHold.check(List.of("E1"), null, REASON)));
        assertEquals(List.of(), LegalHold.check(List.of("E1"), "c".repeat(200), REASON));
        assertEquals(List.of("caseReference"), fields(LegalHold.check(List.of("E1"), "c".repeat(201), REASON)));
    }

    @Test
    void reasonIsTenTo2000Characters() {
        assertEquals(List.of("reason"), fields(LegalHold.check(List.of("E1"), "C", "too short")));
        assertEquals(List.of(), LegalHold.check(List.of("E1"), "C", "r".repeat(10)));
        assertEquals(List.of(), LegalHold.check(List.of("E1"), "C", "r".repeat(2000)));
        assertEquals(List.of("reason"), fields(LegalHold.check(List.of("E1"), "C", "r".repeat(2001))));
        assertEquals("required", LegalHold.check(List.of("E1"), "C", null).getFirst().rule());
    }

    @Test
    void reasonLengthCountsCharactersNotUtf16Units() {
        // Ten emoji are ten characters but twenty UTF-16 units.
        assertEquals(List.of(), LegalHold.check(List.of("E1"), "C", "\uD83D\uDCC1".repeat(10)));
        assertEquals(List.of("reason"), fields(LegalHold.check(List.of("E1"), "C", "\uD83D\uDCC1".repeat(9))));
    }

    @Test
    void placingReportsEveryBrokenRuleAtOnce() {
        List<Violation> violations = violationsOf(() -> LegalHold.place("h", List.of(), "", "short", "carol", PLACED));
        assertEquals(List.of("employeeIds", "caseReference", "reason"), fields(violations));
    }

    @Test
    void releaseRecordsWhoWhenAndWhy() {
        LegalHold released = active().release("carla", "Case closed by the authority", LATER);
        assertEquals(LegalHold.Status.RELEASED, released.status());
        assertEquals("carla", released.releasedBy());
        assertEquals(LATER, released.releasedAt());
        assertEquals("Case closed by the authority", released.releaseReason());
        assertEquals("carol", released.placedBy());
        assertEquals(PLACED, released.placedAt());
        assertFalse(released.isActive());
        assertEquals(List.of("E1001", "E1002"), released.employeeIds());
    }

    @Test
    void secondReleaseIsAConflict() {
        LegalHold released = active().release("carla", "Case closed by the authority", LATER);
        LegalHoldAlreadyReleasedException e = assertThrows(LegalHoldAlreadyReleasedException.class,
                () -> released.release("carol", "Closing it once more", LATER.plusSeconds(60)));
        assertEquals("h1", e.holdId());
        assertEquals(LATER, e.releasedAt());
    }

    @Test
    void releaseNeedsAReasonOfTenCharacters() {
        assertEquals(List.of("reason"), fields(violationsOf(() -> active().release("carla", "done", LATER))));
        assertEquals(List.of("reason"), fields(violationsOf(() -> active().release("carla", null, LATER))));
    }

    @Test
    void termsMatchOnlyTheSameRequest() {
        LegalHold hold = active();
        assertTrue(hold.hasTerms(List.of("E1001", "E1002"), "CASE-17", REASON));
        assertFalse(hold.hasTerms(List.of("E1001"), "CASE-17", REASON));
        assertFalse(hold.hasTerms(List.of("E1001", "E1002"), "CASE-18", REASON));
        assertFalse(hold.hasTerms(List.of("E1001", "E1002"), "CASE-17", REASON + "."));
    }

    @Test
    void releasedHoldMustNameWhoReleasedIt() {
        assertThrows(IllegalArgumentException.class, () -> new LegalHold("h", List.of("E1"), "C", REASON,
                LegalHold.Status.RELEASED, "carol", PLACED, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new LegalHold("h", List.of("E1"), "C", REASON,
                LegalHold.Status.ACTIVE, "carol", PLACED, "carla", LATER, "closed"));
    }
}
