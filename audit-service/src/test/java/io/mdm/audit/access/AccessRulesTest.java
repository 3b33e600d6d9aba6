package io.mdm.audit.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void defaultsAreOneApproverSevenDaysAndThirtyDaysOfDelay() {
        assertEquals(new AccessRules(1, WEEK, 30), AccessRules.defaults());
    }

    @Test
    void requiredApproversRangeFromOneToFive() {
        assertDoesNotThrow(() -> new AccessRules(1, WEEK, 30));
        assertDoesNotThrow(() -> new AccessRules(5, WEEK, 30));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new AccessRules(0, WEEK, 30));
        assertTrue(none.getMessage().contains("requiredApprovers"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AccessRules(6, WEEK, 30));
    }

    @Test
    void decideWithinMustBePositive() {
        assertDoesNotThrow(() -> new AccessRules(1, Duration.ofSeconds(1), 30));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new AccessRules(1, Duration.ZERO, 30));
        assertTrue(zero.getMessage().contains("decideWithin"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AccessRules(1, Duration.ofDays(-1), 30));
        assertThrows(IllegalArgumentException.class, () -> new AccessRules(1, null, 30));
    }

    @Test
    void notificationDelayCannotBeConfiguredAbove30Days() {
        assertDoesNotThrow(() -> new AccessRules(1, WEEK, 0));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> new AccessRules(1, WEEK, 31));
        assertTrue(tooLong.getMessage().contains("maxNotificationDelayDays"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AccessRules(1, WEEK, -1));
    }
}
