package io.mdm.policy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The settings of a policy, shaped exactly like the API's {@code settings} object.
 *
 * <p>Every section and every field is optional: {@code null} means "no requirement". Lists are
 * kept as given (order, duplicates, even null elements) so that {@link SettingsValidator} can
 * report what the author actually sent; {@link #normalised()} gives the canonical form.
 *
 * <p>{@code workApps.allowed} and {@code messaging.approvedApps} are allow-lists: absent means
 * "no restriction", a non-empty list restricts to its apps. An empty list in a merged, effective
 * policy means "no app is allowed" (the sources' allow-lists had no app in common); an author's
 * empty list is read as absent when the draft is built, see {@link PolicyDraft}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicySettings(
        Passcode passcode,
        Os os,
        WorkApps workApps,
        Messaging messaging,
        DataSharing dataSharing,
        Telemetry telemetry,
        Wipe wipe) {

    /** A policy that requires nothing. */
    public static PolicySettings empty() {
        return new PolicySettings(null, null, null, null, null, null, null);
    }

    /**
     * The canonical form with the same meaning: lists sorted without duplicates or null elements,
     * empty {@code blocked}/{@code required} lists dropped (they require nothing), and sections
     * without any field dropped. Allow-lists keep their emptiness, which restricts.
     */
    public PolicySettings normalised() {
        return new PolicySettings(
                passcode == null || passcode.isUnset() ? null : passcode,
                os == null || os.isUnset() ? null : os,
                workApps == null ? null : workApps.normalised(),
                messaging == null ? null : messaging.normalised(),
                dataSharing == null || dataSharing.workToPersonalCopyPaste() == null ? null : dataSharing,
                telemetry == null || telemetry.isUnset() ? null : telemetry,
                wipe == null || wipe.fullDeviceWipeAllowed() == null ? null : wipe);
    }

    /** These settings with an author's empty allow-list read as "no allow-list". */
    PolicySettings withEmptyAllowListsAsAbsent() {
        WorkApps apps = workApps == null || !isEmptyList(workApps.allowed())
                ? workApps
                : new WorkApps(null, workApps.blocked(), workApps.required());
        Messaging chat = messaging == null || !isEmptyList(messaging.approvedApps())
                ? messaging
                : new Messaging(null, messaging.backupRequired(), messaging.retentionDays());
        return new PolicySettings(passcode, os, apps, chat, dataSharing, telemetry, wipe);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Passcode(Boolean required, Integer minLength) {
        private boolean isUnset() {
            return required == null && minLength == null;
        }
    }

    /** Minimum OS versions per platform, dotted numbers such as "14" or "17.4". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Os(String minAndroidVersion, String minIosVersion) {
        private boolean isUnset() {
            return minAndroidVersion == null && minIosVersion == null;
        }

        /** The minimum for the given platform, or null when none is required. */
        public String minimumFor(Platform platform) {
            return switch (platform) {
                case ANDROID -> minAndroidVersion;
                case IOS -> minIosVersion;
            };
        }
    }

    /** Apps in the work profile only; the personal side of a phone is never inspected. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkApps(List<String> allowed, List<String> blocked, List<String> required) {
        public WorkApps {
            allowed = copyOf(allowed);
            blocked = copyOf(blocked);
            required = copyOf(required);
        }

        private WorkApps normalised() {
            WorkApps canonical = new WorkApps(
                    sortedOrNull(allowed, true), sortedOrNull(blocked, false), sortedOrNull(required, false));
            boolean unset = canonical.allowed == null && canonical.blocked == null && canonical.required == null;
            return unset ? null : canonical;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Messaging(List<String> approvedApps, Boolean backupRequired, Integer retentionDays) {
        public Messaging {
            approvedApps = copyOf(approvedApps);
        }

        private Messaging normalised() {
            Messaging canonical = new Messaging(sortedOrNull(approvedApps, true), backupRequired, retentionDays);
            boolean unset = canonical.approvedApps == null && backupRequired == null && retentionDays == null;
            return unset ? null : canonical;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataSharing(Boolean workToPersonalCopyPaste) {}

    /** What the employer asks to collect from the phone; never allowed on a personal phone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Telemetry(Boolean location, Boolean personalAppInventory, Boolean callLog, Boolean browsingHistory) {
        private boolean isUnset() {
            return location == null && personalAppInventory == null && callLog == null && browsingHistory == null;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Wipe(Boolean fullDeviceWipeAllowed) {}

    /** An unmodifiable copy that keeps null elements, so the validator can still report them. */
    private static List<String> copyOf(List<String> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static boolean isEmptyList(List<String> list) {
        return list != null && list.isEmpty();
    }

    private static List<String> sortedOrNull(List<String> list, boolean keepEmpty) {
        if (list == null) {
            return null;
        }
        TreeSet<String> sorted = new TreeSet<>();
        list.stream().filter(Objects::nonNull).forEach(sorted::add);
        return sorted.isEmpty() && !keepEmpty ? null : List.copyOf(sorted);
    }
}
