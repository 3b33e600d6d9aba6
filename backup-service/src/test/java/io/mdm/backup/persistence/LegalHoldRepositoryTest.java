package io.mdm.backup.persistence;

import io.mdm.backup.LegalHold;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class LegalHoldRepositoryTest {

    private static final String REASON = "Litigation hold for the supplier dispute";

    @Inject
    LegalHoldRepository holds;

    private static String freshEmployee() {
        return "R-" + UUID.randomUUID();
    }

    private static LegalHold newHold(String by, String... employeeIds) {
        return LegalHold.place(UUID.randomUUID().toString(), List.of(employeeIds), "CASE-R", REASON, by,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private LegalHold placed(String... employeeIds) {
        LegalHold hold = newHold("carol", employeeIds);
        holds.place(hold);
        return hold;
    }

    @Test
    void storedHoldReadsBackUnchanged() {
        LegalHold hold = placed(freshEmployee(), freshEmployee());
        assertEquals(Optional.of(hold), holds.find(hold.id()));

        LegalHold released = hold.release("carla", "The dispute was settled", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertTrue(holds.release(released));
        assertEquals(Optional.of(released), holds.find(hold.id()));
    }

    @Test
    void ofTwoReleasesOfTheSameActiveHoldOnlyTheFirstIsStored() {
        LegalHold active = placed(freshEmployee());
        // Both callers read the hold while it was active, as two concurrent requests would.
        LegalHold first = active.release("carol", "The dispute was settled", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        LegalHold second = active.release("carla", "Settled, releasing as well", Instant.now().truncatedTo(ChronoUnit.MILLIS));

        assertTrue(holds.release(first));
        assertFalse(holds.release(second));
        assertEquals("carol", holds.find(active.id()).orElseThrow().releasedBy());
    }

    @Test
    void activeHoldQueriesIgnoreReleasedHolds() {
        String releasedOnly = freshEmployee();
        String stillHeld = freshEmployee();
        String neverHeld = freshEmployee();
        LegalHold first = placed(releasedOnly, stillHeld);
        LegalHold second = placed(stillHeld);
        holds.release(first.release("carol", "The first case is closed", Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        assertFalse(holds.isUnderActiveHold(releasedOnly));
        assertTrue(holds.isUnderActiveHold(stillHeld));
        assertFalse(holds.isUnderActiveHold(neverHeld));
        assertEquals(Optional.empty(), holds.activeHoldFor(releasedOnly));
        assertEquals(second.id(), holds.activeHoldFor(stillHeld).orElseThrow().id());
        assertEquals(Set.of(stillHeld), holds.employeesUnderActiveHold(List.of(releasedOnly, stillHeld, neverHeld)));
        assertEquals(Set.of(), holds.employeesUnderActiveHold(List.of()));
    }

    @Test
    void bulkQueryAnswersOnlyForTheEmployeesAskedAbout() {
        String asked = freshEmployee();
        String notAsked = freshEmployee();
        placed(asked, notAsked);
        assertEquals(Set.of(asked), holds.employeesUnderActiveHold(Set.of(asked)));
    }

    @Test
    void secondPlacementWithTheSameKeyAnswersTheFirstHold() {
        String key = UUID.randomUUID().toString();
        String employee = freshEmployee();
        LegalHold original = newHold("carol", employee);
        LegalHoldRepository.Placement first = holds.placeOnce(original, key);
        LegalHoldRepository.Placement repeat = holds.placeOnce(newHold("carol", employee), key);

        assertTrue(first.created());
        assertFalse(repeat.created());
        assertEquals(original, repeat.hold());
        assertEquals(1, holds.list(Optional.of(employee), Optional.empty(), 10, Optional.empty()).items().size());
    }

    @Test
    void keysOfDifferentUsersDoNotCollide() {
        String employee = freshEmployee();
        // ("ab", "c:d") and ("ab:c", "d") would both read "ab:c:d" if user and key were simply joined.
        assertTrue(holds.placeOnce(newHold("ab", employee), "c:d").created());
        assertTrue(holds.placeOnce(newHold("ab:c", employee), "d").created());
    }
}
