package io.mdm.policy.domain;

import java.util.List;
import java.util.Set;

/** Builds test settings and drafts without spelling out every absent section. */
final class SettingsBuilder {

    private PolicySettings.Passcode passcode;
    private PolicySettings.Os os;
    private PolicySettings.WorkApps workApps;
    private PolicySettings.Messaging messaging;
    private PolicySettings.DataSharing dataSharing;
    private PolicySettings.Telemetry telemetry;
    private PolicySettings.Wipe wipe;

    static SettingsBuilder settings() {
        return new SettingsBuilder();
    }

    static PolicyDraft draft(Set<Ownership> ownership, PolicySettings settings) {
        return new PolicyDraft("Work phones", null, new PolicyTarget(ownership, Set.of()), settings);
    }

    SettingsBuilder passcode(Boolean required, Integer minLength) {
        passcode = new PolicySettings.Passcode(required, minLength);
        return this;
    }

    SettingsBuilder os(String minAndroidVersion, String minIosVersion) {
        os = new PolicySettings.Os(minAndroidVersion, minIosVersion);
        return this;
    }

    SettingsBuilder workApps(List<String> allowed, List<String> blocked, List<String> required) {
        workApps = new PolicySettings.WorkApps(allowed, blocked, required);
        return this;
    }

    SettingsBuilder messaging(List<String> approvedApps, Boolean backupRequired, Integer retentionDays) {
        messaging = new PolicySettings.Messaging(approvedApps, backupRequired, retentionDays);
        return this;
    }

    SettingsBuilder copyPaste(Boolean workToPersonalCopyPaste) {
        dataSharing = new PolicySettings.DataSharing(workToPersonalCopyPaste);
        return this;
    }

    SettingsBuilder telemetry(Boolean location, Boolean personalAppInventory, Boolean callLog, Boolean browsingHistory) {
        telemetry = new PolicySettings.Telemetry(location, personalAppInventory, callLog, browsingHistory);
        return this;
    }

    SettingsBuilder fullWipe(Boolean fullDeviceWipeAllowed) {
        wipe = new PolicySettings.Wipe(fullDeviceWipeAllowed);
        return this;
    }

    PolicySettings build() {
        return new PolicySettings(passcode, os, workApps, messaging, dataSharing, telemetry, wipe);
    }
}
