package io.mdm.policy.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Principle 1, "work data only on BYOD": a policy that may reach a personal phone must not ask
 * for personal data or for a full wipe. Such a policy is rejected (422) with one violation per
 * offending field, all of them at once. Policies for corporate phones only are not restricted.
 */
public final class PrivacyGuardrails {

    private static final String PRINCIPLE = "This policy targets personal (BYOD) phones. ";

    public List<Violation> check(PolicyDraft draft) {
        if (draft.target() == null || !draft.target().includes(Ownership.BYOD) || draft.settings() == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        PolicySettings.Telemetry telemetry = draft.settings().telemetry();
        if (telemetry != null) {
            refuse(telemetry.location(), "settings.telemetry.location", "byod-no-location",
                    "On a personal phone the employer never collects the location. "
                            + "Remove telemetry.location or target CORPORATE phones only.", violations);
            refuse(telemetry.personalAppInventory(), "settings.telemetry.personalAppInventory",
                    "byod-no-personal-app-inventory",
                    "On a personal phone the employer never sees which personal apps are installed; "
                            + "only the work profile is managed. Remove telemetry.personalAppInventory "
                            + "or target CORPORATE phones only.", violations);
            refuse(telemetry.callLog(), "settings.telemetry.callLog", "byod-no-call-log",
                    "On a personal phone the employer never collects the call log. "
                            + "Remove telemetry.callLog or target CORPORATE phones only.", violations);
            refuse(telemetry.browsingHistory(), "settings.telemetry.browsingHistory", "byod-no-browsing-history",
                    "On a personal phone the employer never collects the browsing history. "
                            + "Remove telemetry.browsingHistory or target CORPORATE phones only.", violations);
        }
        PolicySettings.Wipe wipe = draft.settings().wipe();
        if (wipe != null) {
            refuse(wipe.fullDeviceWipeAllowed(), "settings.wipe.fullDeviceWipeAllowed", "byod-no-full-device-wipe",
                    "A wipe of a personal phone removes only the work profile, never the employee's own data. "
                            + "Remove wipe.fullDeviceWipeAllowed or target CORPORATE phones only.", violations);
        }
        return List.copyOf(violations);
    }

    private static void refuse(Boolean asked, String field, String rule, String reason, List<Violation> violations) {
        if (Boolean.TRUE.equals(asked)) {
            violations.add(new Violation(field, rule, PRINCIPLE + reason));
        }
    }
}
