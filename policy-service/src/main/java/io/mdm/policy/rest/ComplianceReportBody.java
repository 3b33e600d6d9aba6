package io.mdm.policy.rest;

import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.policy.domain.ComplianceReport;
import io.mdm.policy.domain.OsVersion;
import io.mdm.policy.domain.Platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /devices/{id}/compliance-reports}: work-profile facts only. Its fields
 * are all it may carry (an unknown field such as {@code personalApps} or {@code location} is a
 * 400 before this record is built), and each is checked, so a report cannot smuggle free text.
 *
 * @param passcodeLength optional: some platforms do not reveal it
 * @param workApps app ids installed in the work profile; {@code []} for none
 */
public record ComplianceReportBody(String osVersion, Boolean passcodeSet, Integer passcodeLength, Boolean encrypted,
                                   List<String> workApps, Instant reportedAt) {

    static final int MAX_WORK_APPS = 500;
    static final int APP_ID_MAX_LENGTH = 255;
    static final int OS_VERSION_MAX_LENGTH = 32;
    static final int PASSCODE_LENGTH_HIGHEST = 256;
    /** Phones' clocks drift; a report from further ahead than this is refused, not believed. */
    static final Duration ALLOWED_CLOCK_AHEAD = Duration.ofMinutes(5);

    /** The app id rule of policies (SettingsValidator): a package or bundle id with at least two parts. */
    private static final Pattern APP_ID = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+$");

    /** Every broken field rule at once, as a 400 problem; {@code now} bounds {@code reportedAt}. */
    void validate(Instant now) {
        List<Problem.Violation> violations = new ArrayList<>();
        checkOsVersion(violations);
        if (passcodeSet == null) {
            violations.add(new Problem.Violation("passcodeSet", "passcode-set-required",
                    "say whether a passcode is set (true or false)"));
        }
        if (passcodeLength != null) {
            if (passcodeLength < 1 || passcodeLength > PASSCODE_LENGTH_HIGHEST) {
                violations.add(new Problem.Violation("passcodeLength", "passcode-length-range",
                        "the passcode length is between 1 and " + PASSCODE_LENGTH_HIGHEST));
            } else if (Boolean.FALSE.equals(passcodeSet)) {
                violations.add(new Problem.Violation("passcodeLength", "passcode-length-without-passcode",
                        "leave passcodeLength out when no passcode is set"));
            }
        }
        if (encrypted == null) {
            violations.add(new Problem.Violation("encrypted", "encrypted-required",
                    "say whether the phone's storage is encrypted (true or false)"));
        }
        checkWorkApps(violations);
        if (reportedAt == null) {
            violations.add(new Problem.Violation("reportedAt", "reported-at-required",
                    "say when the report was made, as an RFC 3339 UTC timestamp"));
        } else if (reportedAt.isAfter(now.plus(ALLOWED_CLOCK_AHEAD))) {
            violations.add(new Problem.Violation("reportedAt", "reported-at-in-future",
                    "reportedAt is more than " + ALLOWED_CLOCK_AHEAD.toMinutes()
                            + " minutes ahead of the server's clock; check the phone's clock"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Some fields of the compliance report are invalid.", violations);
        }
    }

    /** The report, once {@link #validate} passed, for a device of {@code platform}. */
    ComplianceReport report(Platform platform) {
        return new ComplianceReport(osVersion, platform, passcodeSet, passcodeLength, encrypted, workApps, reportedAt);
    }

    private void checkOsVersion(List<Problem.Violation> violations) {
        if (osVersion == null || osVersion.isEmpty()) {
            violations.add(new Problem.Violation("osVersion", "os-version-required", "the OS version is required"));
            return;
        }
        boolean readable = osVersion.length() <= OS_VERSION_MAX_LENGTH;
        if (readable) {
            try {
                OsVersion.parse(osVersion);
            } catch (IllegalArgumentException malformed) {
                readable = false;
            }
        }
        if (!readable) {
            violations.add(new Problem.Violation("osVersion", "os-version-format",
                    "an OS version is one to four dot-separated numbers, e.g. 14, 17.4 or 17.4.1"));
        }
    }

    private void checkWorkApps(List<Problem.Violation> violations) {
        if (workApps == null) {
            violations.add(new Problem.Violation("workApps", "work-apps-required",
                    "list the app ids of the work profile; send [] for none"));
            return;
        }
        if (workApps.size() > MAX_WORK_APPS) {
            violations.add(new Problem.Violation("workApps", "too-many-apps",
                    "a report may list at most " + MAX_WORK_APPS + " work apps"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < workApps.size(); i++) {
            String appId = workApps.get(i);
            String field = "workApps[" + i + "]";
            if (appId != null && appId.length() > APP_ID_MAX_LENGTH) {
                violations.add(new Problem.Violation(field, "app-id-too-long",
                        "an app id may have at most " + APP_ID_MAX_LENGTH + " characters"));
            } else if (appId == null || !APP_ID.matcher(appId).matches()) {
                violations.add(new Problem.Violation(field, "app-id-format",
                        "an app id is a package or bundle id such as org.example.workchat"));
            } else if (!seen.add(appId)) {
                violations.add(new Problem.Violation(field, "duplicate-app-id", "this app id is listed twice"));
            }
        }
    }
}
