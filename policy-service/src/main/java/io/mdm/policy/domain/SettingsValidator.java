package io.mdm.policy.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field rules of a policy draft (the API's 400 violations): lengths, ranges, formats, list sizes
 * and contradictions inside one policy. It reports every violation, not only the first, so an
 * author can fix a draft in one round. Privacy rules are {@link PrivacyGuardrails}' job (422).
 *
 * <p>Values the author sent are echoed in messages only when they are short and well-formed;
 * a malformed element is named by its index, e.g. {@code settings.workApps.blocked[2]}. A list
 * over its size limit gets one violation and its elements are not inspected, which keeps the
 * answer to an oversized body small.
 */
public final class SettingsValidator {

    static final int NAME_MAX_LENGTH = 200;
    static final int DESCRIPTION_MAX_LENGTH = 2000;
    static final int MAX_EMPLOYEE_IDS = 1000;
    static final int PASSCODE_MIN_LENGTH_LOWEST = 4;
    static final int PASSCODE_MIN_LENGTH_HIGHEST = 64;
    static final int RETENTION_DAYS_LOWEST = 1;
    static final int RETENTION_DAYS_HIGHEST = 3650;
    static final int APP_ID_MAX_LENGTH = 255;
    static final int MAX_APPS_PER_LIST = 500;

    private static final Pattern EMPLOYEE_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    /** Reverse-DNS-like package or bundle id: at least two dot-separated parts. */
    private static final Pattern APP_ID = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+$");

    public List<Violation> validate(PolicyDraft draft) {
        List<Violation> violations = new ArrayList<>();
        checkName(draft.name(), violations);
        checkDescription(draft.description(), violations);
        checkTarget(draft.target(), violations);
        if (draft.settings() == null) {
            violations.add(new Violation("settings", "settings-required",
                    "settings are required; send {} for a policy without requirements"));
        } else {
            checkSettings(draft.settings(), violations);
        }
        return List.copyOf(violations);
    }

    private static void checkName(String name, List<Violation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "name-required", "a policy needs a name"));
        } else if (lengthOf(name) > NAME_MAX_LENGTH) {
            violations.add(new Violation("name", "name-too-long",
                    "the name may have at most " + NAME_MAX_LENGTH + " characters"));
        }
    }

    private static void checkDescription(String description, List<Violation> violations) {
        if (description != null && lengthOf(description) > DESCRIPTION_MAX_LENGTH) {
            violations.add(new Violation("description", "description-too-long",
                    "the description may have at most " + DESCRIPTION_MAX_LENGTH + " characters"));
        }
    }

    private static void checkTarget(PolicyTarget target, List<Violation> violations) {
        if (target == null) {
            violations.add(new Violation("target", "target-required",
                    "a policy needs a target: at least one ownership (BYOD, CORPORATE)"));
            return;
        }
        if (target.ownership().isEmpty()) {
            violations.add(new Violation("target.ownership", "ownership-required",
                    "name at least one ownership the policy applies to: BYOD, CORPORATE or both"));
        }
        if (target.employeeIds().size() > MAX_EMPLOYEE_IDS) {
            violations.add(new Violation("target.employeeIds", "too-many-employee-ids",
                    "a policy may name at most " + MAX_EMPLOYEE_IDS + " employees; leave the list empty for everyone"));
            return;
        }
        for (String employeeId : target.employeeIds()) {
            if (!EMPLOYEE_ID.matcher(employeeId).matches()) {
                violations.add(new Violation("target.employeeIds", "employee-id-format",
                        "an employee id has 1 to 64 of the characters A-Z a-z 0-9 . _ -"));
            }
        }
    }

    private static void checkSettings(PolicySettings settings, List<Violation> violations) {
        PolicySettings.Passcode passcode = settings.passcode();
        if (passcode != null && passcode.minLength() != null) {
            checkRange(passcode.minLength(), PASSCODE_MIN_LENGTH_LOWEST, PASSCODE_MIN_LENGTH_HIGHEST,
                    "settings.passcode.minLength", "passcode-min-length-range", "the minimum passcode length", violations);
        }
        PolicySettings.Os os = settings.os();
        if (os != null) {
            checkOsVersion(os.minAndroidVersion(), "settings.os.minAndroidVersion", violations);
            checkOsVersion(os.minIosVersion(), "settings.os.minIosVersion", violations);
        }
        PolicySettings.WorkApps workApps = settings.workApps();
        if (workApps != null) {
            checkAppIds(workApps.allowed(), "settings.workApps.allowed", violations);
            checkAppIds(workApps.blocked(), "settings.workApps.blocked", violations);
            checkAppIds(workApps.required(), "settings.workApps.required", violations);
            checkContradictions(workApps, violations);
        }
        PolicySettings.Messaging messaging = settings.messaging();
        if (messaging != null) {
            checkAppIds(messaging.approvedApps(), "settings.messaging.approvedApps", violations);
            if (messaging.retentionDays() != null) {
                checkRange(messaging.retentionDays(), RETENTION_DAYS_LOWEST, RETENTION_DAYS_HIGHEST,
                        "settings.messaging.retentionDays", "retention-days-range", "the retention", violations);
            }
        }
    }

    private static void checkRange(
            int value, int lowest, int highest, String field, String rule, String what, List<Violation> violations) {
        if (value < lowest || value > highest) {
            violations.add(new Violation(field, rule, what + " must be between " + lowest + " and " + highest));
        }
    }

    private static void checkOsVersion(String version, String field, List<Violation> violations) {
        if (version == null) {
            return;
        }
        try {
            OsVersion.parse(version);
        } catch (IllegalArgumentException malformed) {
            violations.add(new Violation(field, "os-version-format",
                    "an OS version is one to four dot-separated numbers, e.g. 14, 17.4 or 17.4.1"));
        }
    }

    private static void checkAppIds(List<String> appIds, String field, List<Violation> violations) {
        if (appIds == null) {
            return;
        }
        if (appIds.size() > MAX_APPS_PER_LIST) {
            violations.add(new Violation(field, "too-many-apps",
                    "a list may hold at most " + MAX_APPS_PER_LIST + " app ids"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < appIds.size(); i++) {
            String appId = appIds.get(i);
            String elementField = field + "[" + i + "]";
            if (appId != null && appId.length() > APP_ID_MAX_LENGTH) {
                violations.add(new Violation(elementField, "app-id-too-long",
                        "an app id may have at most " + APP_ID_MAX_LENGTH + " characters"));
            } else if (appId == null || !APP_ID.matcher(appId).matches()) {
                violations.add(new Violation(elementField, "app-id-format",
                        "an app id is a package or bundle id such as org.example.workchat"));
            } else if (!seen.add(appId)) {
                violations.add(new Violation(elementField, "duplicate-app-id", appId + " is listed twice"));
            }
        }
    }

    /**
     * An app cannot be blocked and, in the same policy, allowed or required. Malformed ids are
     * reported by the format rules already and are not echoed here.
     */
    private static void checkContradictions(PolicySettings.WorkApps workApps, List<Violation> violations) {
        if (workApps.blocked() == null || workApps.blocked().size() > MAX_APPS_PER_LIST) {
            return;
        }
        Set<String> allowed = appSet(workApps.allowed());
        Set<String> required = appSet(workApps.required());
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < workApps.blocked().size(); i++) {
            String appId = workApps.blocked().get(i);
            if (!isWellFormedAppId(appId) || !reported.add(appId)) {
                continue;
            }
            String field = "settings.workApps.blocked[" + i + "]";
            if (allowed.contains(appId)) {
                violations.add(new Violation(field, "app-allowed-and-blocked",
                        appId + " is both allowed and blocked; remove it from one of the lists"));
            }
            if (required.contains(appId)) {
                violations.add(new Violation(field, "app-required-and-blocked",
                        appId + " is both required and blocked; remove it from one of the lists"));
            }
        }
    }

    private static boolean isWellFormedAppId(String appId) {
        return appId != null && appId.length() <= APP_ID_MAX_LENGTH && APP_ID.matcher(appId).matches();
    }

    private static Set<String> appSet(List<String> appIds) {
        return appIds == null || appIds.size() > MAX_APPS_PER_LIST ? Set.of() : new HashSet<>(appIds);
    }

    private static int lengthOf(String text) {
        return text.codePointCount(0, text.length());
    }
}
