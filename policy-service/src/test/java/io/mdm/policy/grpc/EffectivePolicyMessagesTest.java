package io.mdm.policy.grpc;

import io.mdm.contracts.grpc.enrollment.v1.Ownership;
import io.mdm.policy.EffectivePolicy;
import io.mdm.policy.domain.PolicySettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectivePolicyMessagesTest {

    private static PolicySettings settings(PolicySettings.Passcode passcode, PolicySettings.Telemetry telemetry) {
        return new PolicySettings(passcode, null, null, null, null, telemetry, null);
    }

    @Test
    void absentSectionsAndFieldsStayUnset() {
        var message = EffectivePolicyMessages.settings(
                settings(new PolicySettings.Passcode(null, 8), null));

        assertTrue(message.hasPasscode());
        assertTrue(message.getPasscode().hasMinLength());
        assertEquals(8, message.getPasscode().getMinLength());
        assertFalse(message.getPasscode().hasRequired());
        assertFalse(message.hasOs());
        assertFalse(message.hasWorkApps());
        assertFalse(message.hasMessaging());
        assertFalse(message.hasDataSharing());
        assertFalse(message.hasTelemetry());
        assertFalse(message.hasWipe());
    }

    @Test
    void falseIsSentAsASetFalseNotAsAbsent() {
        var message = EffectivePolicyMessages.settings(settings(null,
                new PolicySettings.Telemetry(false, null, false, null)));

        assertTrue(message.hasTelemetry());
        assertTrue(message.getTelemetry().hasLocation());
        assertFalse(message.getTelemetry().getLocation());
        assertFalse(message.getTelemetry().hasPersonalAppInventory());
        assertTrue(message.getTelemetry().hasCallLog());
        assertFalse(message.getTelemetry().hasBrowsingHistory());
    }

    @Test
    void everySectionIsCarried() {
        PolicySettings all = new PolicySettings(
                new PolicySettings.Passcode(true, 6),
                new PolicySettings.Os("14", "17.4"),
                new PolicySettings.WorkApps(List.of("org.a.chat"), List.of("com.whatsapp"),
                        List.of("org.a.mail")),
                new PolicySettings.Messaging(List.of("org.a.chat"), true, 365),
                new PolicySettings.DataSharing(false),
                new PolicySettings.Telemetry(true, false, false, false),
                new PolicySettings.Wipe(true));

        io.mdm.contracts.grpc.policy.v1.EffectivePolicy message = EffectivePolicyMessages.of(new EffectivePolicy("d1",
                io.mdm.policy.domain.Ownership.CORPORATE, all, List.of(new EffectivePolicy.Source("p1", 3))));

        assertEquals("d1", message.getDeviceId());
        assertEquals(Ownership.CORPORATE, message.getOwnership());
        assertEquals("p1", message.getSources(0).getPolicyId());
        assertEquals(3, message.getSources(0).getVersion());
        var settings = message.getSettings();
        assertTrue(settings.getPasscode().getRequired());
        assertEquals(6, settings.getPasscode().getMinLength());
        assertEquals("14", settings.getOs().getMinAndroidVersion());
        assertEquals("17.4", settings.getOs().getMinIosVersion());
        assertEquals(List.of("org.a.chat"), settings.getWorkApps().getAllowedList());
        assertEquals(List.of("com.whatsapp"), settings.getWorkApps().getBlockedList());
        assertEquals(List.of("org.a.mail"), settings.getWorkApps().getRequiredList());
        assertEquals(List.of("org.a.chat"), settings.getMessaging().getApprovedAppsList());
        assertTrue(settings.getMessaging().getBackupRequired());
        assertEquals(365, settings.getMessaging().getRetentionDays());
        assertFalse(settings.getDataSharing().getWorkToPersonalCopyPaste());
        assertTrue(settings.getDataSharing().hasWorkToPersonalCopyPaste());
        assertTrue(settings.getTelemetry().getLocation());
        assertTrue(settings.getWipe().getFullDeviceWipeAllowed());
    }
}
