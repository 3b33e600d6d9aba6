package io.mdm.audit.config;

import io.mdm.audit.access.AccessRules;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessRulesProducerTest {

    private record Values(int requiredApprovers, Duration decideWithin, int maxNotificationDelayDays)
            implements AccessConfig {
    }

    @Test
    void configuredValuesBecomeTheRules() {
        AccessRules rules = AccessRulesProducer.rulesFrom(new Values(2, Duration.ofDays(3), 14));

        assertEquals(new AccessRules(2, Duration.ofDays(3), 14), rules);
    }

    @Test
    void tooFewApproversStopsStartUpNamingTheKey() {
        assertRefused(new Values(0, Duration.ofDays(7), 30), "mdm.access.required-approvers");
    }

    @Test
    void aDeadlineOfZeroStopsStartUpNamingTheKey() {
        assertRefused(new Values(1, Duration.ZERO, 30), "mdm.access.decide-within");
    }

    @Test
    void aNotificationDelayAboveThirtyDaysStopsStartUpNamingTheKey() {
        assertRefused(new Values(1, Duration.ofDays(7), 31), "mdm.access.max-notification-delay-days");
    }

    private static void assertRefused(AccessConfig values, String key) {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> AccessRulesProducer.rulesFrom(values));
        assertTrue(refused.getMessage().contains(key), refused.getMessage());
        assertEquals(java.util.Set.of(key), refused.getConfigKeys());
    }
}
