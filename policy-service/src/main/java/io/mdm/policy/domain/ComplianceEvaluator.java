package io.mdm.policy.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks a phone's compliance report against its effective policy.
 *
 * <p>Reasons come in a fixed order (encryption, passcode, OS, blocked apps, missing required apps,
 * apps outside the allow-list; apps alphabetically), so equal reports give equal results.
 */
public final class ComplianceEvaluator {

    /**
     * @param platform the platform the device enrolled with, as the device directory knows it; it
     *     selects the minimum OS version that applies
     */
    public ComplianceResult evaluate(PolicySettings effective, Platform platform, ComplianceReport report) {
        List<ComplianceResult.Reason> reasons = new ArrayList<>();
        if (!report.encrypted()) {
            reasons.add(reason("device-not-encrypted", "The phone's storage is not encrypted; turn on encryption."));
        }
        checkPasscode(effective.passcode(), report, reasons);
        checkOs(effective.os(), platform, report, reasons);
        checkWorkApps(effective.workApps(), report, reasons);
        return ComplianceResult.of(reasons);
    }

    /** A minimum length also requires a passcode: no passcode is shorter than any minimum. */
    private static void checkPasscode(
            PolicySettings.Passcode passcode, ComplianceReport report, List<ComplianceResult.Reason> reasons) {
        if (passcode == null) {
            return;
        }
        Integer minLength = passcode.minLength();
        if (!report.passcodeSet()) {
            if (Boolean.TRUE.equals(passcode.required()) || minLength != null) {
                reasons.add(reason("passcode-not-set", "A passcode is required but none is set."));
            }
            return;
        }
        if (minLength == null) {
            return;
        }
        if (report.passcodeLength() == null) {
            reasons.add(reason("passcode-length-unknown",
                    "The policy requires a passcode of at least " + minLength
                            + " characters, and the phone did not report the passcode's length."));
        } else if (report.passcodeLength() < minLength) {
            reasons.add(reason("passcode-too-short",
                    "The passcode has " + report.passcodeLength() + " characters; at least " + minLength
                            + " are required."));
        }
    }

    private static void checkOs(
            PolicySettings.Os os, Platform platform, ComplianceReport report, List<ComplianceResult.Reason> reasons) {
        String minimum = os == null ? null : os.minimumFor(platform);
        if (minimum == null) {
            return;
        }
        OsVersion reported;
        try {
            reported = OsVersion.parse(report.osVersion());
        } catch (IllegalArgumentException unreadable) {
            reasons.add(reason("os-version-unknown",
                    "The phone's OS version could not be read; " + platform + " " + minimum + " or later is required."));
            return;
        }
        if (reported.isOlderThan(OsVersion.parse(minimum))) {
            reasons.add(reason("os-too-old",
                    platform + " " + report.osVersion() + " is older than the required " + minimum + "; update the phone."));
        }
    }

    /**
     * A present allow-list restricts even when empty (merged policies whose allow-lists share no
     * app). A blocked app is reported as blocked only, not a second time as not allowed.
     */
    private static void checkWorkApps(
            PolicySettings.WorkApps workApps, ComplianceReport report, List<ComplianceResult.Reason> reasons) {
        if (workApps == null) {
            return;
        }
        SortedSet<String> installed = new TreeSet<>();
        report.workApps().stream().filter(Objects::nonNull).forEach(installed::add);
        List<String> blocked = workApps.blocked() == null ? List.of() : workApps.blocked();
        for (String app : installed) {
            if (blocked.contains(app)) {
                reasons.add(reason("blocked-app-installed",
                        app + " is blocked in the work profile; remove it from the work profile."));
            }
        }
        if (workApps.required() != null) {
            for (String app : new TreeSet<>(workApps.required().stream().filter(Objects::nonNull).toList())) {
                if (!installed.contains(app)) {
                    reasons.add(reason("required-app-missing",
                            app + " is required in the work profile; install it there."));
                }
            }
        }
        if (workApps.allowed() != null) {
            for (String app : installed) {
                if (!blocked.contains(app) && !workApps.allowed().contains(app)) {
                    reasons.add(reason("app-not-allowed",
                            app + " is not on the work profile's list of allowed apps; remove it from the work profile."));
                }
            }
        }
    }

    private static ComplianceResult.Reason reason(String rule, String message) {
        return new ComplianceResult.Reason(rule, message);
    }
}
