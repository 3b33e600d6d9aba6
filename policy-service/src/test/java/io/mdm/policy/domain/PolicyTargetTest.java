package io.mdm.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTargetTest {

    @Test
    void withoutEmployeeIdsAppliesToEveryoneOfTheOwnership() {
        PolicyTarget byod = new PolicyTarget(EnumSet.of(Ownership.BYOD), Set.of());

        assertTrue(byod.appliesTo(Ownership.BYOD, "E1001"));
        assertTrue(byod.appliesTo(Ownership.BYOD, "E2002"));
        assertFalse(byod.appliesTo(Ownership.CORPORATE, "E1001"));
    }

    @Test
    void withEmployeeIdsAppliesOnlyToThoseEmployees() {
        PolicyTarget target = new PolicyTarget(EnumSet.allOf(Ownership.class), Set.of("E1001", "E1002"));

        assertTrue(target.appliesTo(Ownership.BYOD, "E1001"));
        assertTrue(target.appliesTo(Ownership.CORPORATE, "E1002"));
        assertFalse(target.appliesTo(Ownership.BYOD, "E2002"));
    }

    @Test
    void includesTellsWhetherAnOwnershipIsTargeted() {
        PolicyTarget corporate = new PolicyTarget(EnumSet.of(Ownership.CORPORATE), null);

        assertTrue(corporate.includes(Ownership.CORPORATE));
        assertFalse(corporate.includes(Ownership.BYOD));
        assertEquals(Set.of(), corporate.employeeIds());
    }

    @Test
    void keepsItsSetsSortedWhateverOrderTheyCameIn() {
        PolicyTarget target = new PolicyTarget(
                new LinkedHashSet<>(List.of(Ownership.CORPORATE, Ownership.BYOD)),
                new LinkedHashSet<>(List.of("E3", "E1", "E2")));

        assertEquals(List.of(Ownership.BYOD, Ownership.CORPORATE), List.copyOf(target.ownership()));
        assertEquals(List.of("E1", "E2", "E3"), List.copyOf(target.employeeIds()));
    }

    @Test
    void refusesNullElements() {
        Set<Ownership> withNull = new HashSet<>();
        withNull.add(null);

        assertThrows(IllegalArgumentException.class, () -> new PolicyTarget(withNull, Set.of()));
    }
}
