package io.mdm.policy.domain;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Merges the settings of all active policies that target a device into its effective policy.
 *
 * <p>Each field is combined over the sources that set it, so a source without an opinion never
 * weakens or strengthens the result, and a field no source sets stays absent. The combinations
 * are the API's rules: passcode required OR, minimum length max, minimum OS versions max, blocked
 * and required apps union, allow-lists intersection, backup required OR, retention max, copy and
 * paste to the personal side AND. Telemetry and full wipe are combined with AND: the employee's
 * privacy wins, collecting is allowed only when every source that speaks allows it.
 *
 * <p>Every combination is commutative, associative and idempotent, and the result is
 * {@linkplain PolicySettings#normalised() normalised}, so the effective policy does not depend on
 * the order of the sources and merging an effective policy again changes nothing.
 *
 * <p>Allow-lists ({@code workApps.allowed}, {@code messaging.approvedApps}): an absent list does
 * not restrict; the present lists are intersected. When they share no app the result is an empty
 * list, meaning "nothing is allowed", because reading it as "no restriction" would make two
 * restricting policies together unrestricted. Authors' empty lists never reach this point as
 * "nothing": {@link PolicyDraft} stores them as absent.
 *
 * <p>Sources must be valid ({@link SettingsValidator}); a malformed OS version is an
 * {@link IllegalArgumentException}.
 */
public final class EffectivePolicyMerger {

    /** Among equal versions ("14", "14.0") the alphabetically first text wins, so the result is stable. */
    private static final Comparator<String> OS_VERSION_ORDER =
            Comparator.comparing(OsVersion::parse).thenComparing(Comparator.reverseOrder());

    public PolicySettings merge(List<PolicySettings> sources) {
        List<PolicySettings> all = List.copyOf(sources);
        return new PolicySettings(
                new PolicySettings.Passcode(
                        any(all, s -> s.passcode() == null ? null : s.passcode().required()),
                        max(all, s -> s.passcode() == null ? null : s.passcode().minLength())),
                new PolicySettings.Os(
                        latestOs(all, s -> s.os() == null ? null : s.os().minAndroidVersion()),
                        latestOs(all, s -> s.os() == null ? null : s.os().minIosVersion())),
                new PolicySettings.WorkApps(
                        intersection(all, s -> s.workApps() == null ? null : s.workApps().allowed()),
                        union(all, s -> s.workApps() == null ? null : s.workApps().blocked()),
                        union(all, s -> s.workApps() == null ? null : s.workApps().required())),
                new PolicySettings.Messaging(
                        intersection(all, s -> s.messaging() == null ? null : s.messaging().approvedApps()),
                        any(all, s -> s.messaging() == null ? null : s.messaging().backupRequired()),
                        max(all, s -> s.messaging() == null ? null : s.messaging().retentionDays())),
                new PolicySettings.DataSharing(
                        every(all, s -> s.dataSharing() == null ? null : s.dataSharing().workToPersonalCopyPaste())),
                new PolicySettings.Telemetry(
                        every(all, s -> s.telemetry() == null ? null : s.telemetry().location()),
                        every(all, s -> s.telemetry() == null ? null : s.telemetry().personalAppInventory()),
                        every(all, s -> s.telemetry() == null ? null : s.telemetry().callLog()),
                        every(all, s -> s.telemetry() == null ? null : s.telemetry().browsingHistory())),
                new PolicySettings.Wipe(
                        every(all, s -> s.wipe() == null ? null : s.wipe().fullDeviceWipeAllowed())))
                .normalised();
    }

    private static Boolean any(List<PolicySettings> sources, Function<PolicySettings, Boolean> field) {
        List<Boolean> values = present(sources, field);
        return values.isEmpty() ? null : values.contains(Boolean.TRUE);
    }

    private static Boolean every(List<PolicySettings> sources, Function<PolicySettings, Boolean> field) {
        List<Boolean> values = present(sources, field);
        return values.isEmpty() ? null : !values.contains(Boolean.FALSE);
    }

    private static Integer max(List<PolicySettings> sources, Function<PolicySettings, Integer> field) {
        return present(sources, field).stream().max(Comparator.naturalOrder()).orElse(null);
    }

    private static String latestOs(List<PolicySettings> sources, Function<PolicySettings, String> field) {
        return present(sources, field).stream().max(OS_VERSION_ORDER).orElse(null);
    }

    private static List<String> union(List<PolicySettings> sources, Function<PolicySettings, List<String>> field) {
        Set<String> union = new TreeSet<>();
        present(sources, field).forEach(apps -> apps.stream().filter(Objects::nonNull).forEach(union::add));
        return List.copyOf(union);
    }

    private static List<String> intersection(
            List<PolicySettings> sources, Function<PolicySettings, List<String>> field) {
        List<List<String>> lists = present(sources, field);
        Optional<Set<String>> common = lists.stream()
                .<Set<String>>map(apps -> new HashSet<>(apps.stream().filter(Objects::nonNull).toList()))
                .reduce((left, right) -> {
                    left.retainAll(right);
                    return left;
                });
        return common.<List<String>>map(apps -> List.copyOf(new TreeSet<>(apps))).orElse(null);
    }

    private static <T> List<T> present(List<PolicySettings> sources, Function<PolicySettings, T> field) {
        return sources.stream().map(field).filter(Objects::nonNull).toList();
    }
}
