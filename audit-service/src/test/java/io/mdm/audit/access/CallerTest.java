package io.mdm.audit.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void rolesAreReadFromTheRealmRoleNames() {
        Caller carla = new Caller("carla", "E2002", Set.of("compliance-officer", "privacy-officer"));
        Caller erin = new Caller("erin", "E1001", Set.of("employee"));

        assertTrue(carla.isComplianceOfficer());
        assertTrue(carla.isPrivacyOfficer());
        assertFalse(erin.isComplianceOfficer());
        assertFalse(erin.isPrivacyOfficer());
    }

    @Test
    void missingRolesMeanNoRole() {
        Caller caller = new Caller("x", null, null);

        assertFalse(caller.isComplianceOfficer());
        assertFalse(caller.isPrivacyOfficer());
    }

    @Test
    void blankUserNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Caller(" ", null, Set.of()));
        assertThrows(NullPointerException.class, () -> new Caller(null, null, Set.of()));
    }

    @Test
    void samePersonByUserNameOrByEmployeeIdWhenBothHaveOne() {
        Caller carol = new Caller("carol", "E2001", Set.of());

        assertTrue(carol.isSamePersonAs("carol", null));
        assertTrue(carol.isSamePersonAs("Carol", "E9999"));
        assertTrue(carol.isSamePersonAs("carol.po", "e2001"));
        assertFalse(carol.isSamePersonAs("cora", null));
        assertFalse(new Caller("carol", null, Set.of()).isSamePersonAs("cora", null));
    }

    @Test
    void blankEmployeeIdsNeverMatch() {
        Caller noEmployeeId = new Caller("x", "", Set.of());

        assertFalse(noEmployeeId.isEmployee(""));
        assertFalse(noEmployeeId.isEmployee(null));
    }
}
