package io.mdm.audit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mdm.audit.access.AccessRuleViolation.Kind;

class AccessRuleViolationTest {

    @Test
    void kindsMapToTheStatusesOfTheApiConventions() {
        assertEquals(400, Kind.INVALID.httpStatus());
        assertEquals(403, Kind.FORBIDDEN.httpStatus());
        assertEquals(409, Kind.CONFLICT.httpStatus());
        assertEquals(422, Kind.UNPROCESSABLE.httpStatus());
    }

    @Test
    void invalidCarriesItsFieldViolations() {
        FieldViolation reason = new FieldViolation("reason", FieldViolation.LENGTH, "must be between 20 and 2000 characters");

        AccessRuleViolation violation = AccessRuleViolation.invalid(List.of(reason));

        assertEquals(400, violation.httpStatus());
        assertEquals(List.of(reason), violation.violations());
    }

    @Test
    void otherKindsCarryNoFieldViolations() {
        AccessRuleViolation violation = AccessRuleViolation.forbidden("Four-eyes rule.");

        assertEquals(403, violation.httpStatus());
        assertTrue(violation.violations().isEmpty());
        assertEquals("Four-eyes rule.", violation.getMessage());
    }

    @Test
    void invalidWithoutAnyFieldIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> AccessRuleViolation.invalid(List.of()));
    }

    @Test
    void violationMessagesNeverEchoTheSubmittedText() {
        String secretReason = "secret-case-details";

        AccessRuleViolation violation = assertThrows(AccessRuleViolation.class,
                () -> AccessRequest.file("req-1", AccessFixtures.CAROL, AccessFixtures.input().reason(secretReason).build(),
                        AccessFixtures.RULES, AccessFixtures.NOW));

        assertTrue(violation.violations().stream().noneMatch(v -> v.message().contains(secretReason)));
        assertFalse(violation.getMessage().contains(secretReason));
    }
}
