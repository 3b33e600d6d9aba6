package io.mdm.policy.domain;

import static io.mdm.policy.domain.SettingsBuilder.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EffectivePolicyMergerTest {

    private static final List<String> APPS = List.of(
            "com.whatsapp", "org.example.workchat", "com.example.mail", "com.example.crm", "org.telegram.messenger");
    private static final List<String> OS_VERSIONS = List.of("9", "10", "14", "14.0", "14.1", "17", "17.4", "17.4.1");

    private final EffectivePolicyMerger merger = new EffectivePolicyMerger();

    // ---- the rules, with expectations worked out by hand ----

    @Test
    void passcodeIsRequiredWhenAnySourceRequiresIt() {
        PolicySettings merged = merge(settings().passcode(false, null), settings().passcode(true, null),
                settings().passcode(null, 4));

        assertEquals(new PolicySettings.Passcode(true, 4), merged.passcode());
    }

    @Test
    void passcodeStaysOptionalWhenEverySourceThatSpeaksSaysSo() {
        PolicySettings merged = merge(settings().passcode(false, null), settings());

        assertEquals(new PolicySettings.Passcode(false, null), merged.passcode());
    }

    @Test
    void longestMinimumPasscodeLengthWins() {
        assertEquals(8, merge(settings().passcode(null, 8), settings().passcode(null, 6)).passcode().minLength());
    }

    @ParameterizedTest(name = "{0} and {1} -> {2}")
    @CsvSource({"9, 10, 10", "14, 14.1, 14.1", "17.4.1, 14.1, 17.4.1", "14.0, 14, 14", "17.4, 17.10, 17.10"})
    void latestMinimumOsVersionWinsComparedNumerically(String first, String second, String expected) {
        PolicySettings merged = merge(settings().os(first, first), settings().os(second, second));

        assertEquals(new PolicySettings.Os(expected, expected), merged.os());
    }

    @Test
    void minimumOsVersionsArePerPlatform() {
        PolicySettings merged = merge(settings().os("14", null), settings().os(null, "17.4"));

        assertEquals(new PolicySettings.Os("14", "17.4"), merged.os());
    }

    @Test
    void blockedAndRequiredAppsAreUnitedAndSorted() {
        PolicySettings merged = merge(
                settings().workApps(null, List.of("org.telegram.messenger", "com.whatsapp"), List.of("com.example.mail")),
                settings().workApps(null, List.of("com.whatsapp", "com.example.crm"), List.of("org.example.workchat")));

        assertEquals(List.of("com.example.crm", "com.whatsapp", "org.telegram.messenger"), merged.workApps().blocked());
        assertEquals(List.of("com.example.mail", "org.example.workchat"), merged.workApps().required());
        assertNull(merged.workApps().allowed());
    }

    @Test
    void allowListsAreIntersectedAndAbsentListsDoNotRestrict() {
        PolicySettings merged = merge(
                settings().workApps(List.of("com.example.mail", "org.example.workchat", "com.example.crm"), null, null)
                        .messaging(List.of("org.example.workchat", "com.whatsapp"), null, null),
                settings().workApps(List.of("com.example.crm", "com.example.mail", "com.whatsapp"), null, null),
                settings().messaging(List.of("org.example.workchat"), null, null),
                settings().passcode(true, null));

        assertEquals(List.of("com.example.crm", "com.example.mail"), merged.workApps().allowed());
        assertEquals(List.of("org.example.workchat"), merged.messaging().approvedApps());
    }

    @Test
    void allowListsWithoutCommonAppAllowNothing() {
        PolicySettings merged = merge(
                settings().workApps(List.of("com.example.mail"), null, null),
                settings().workApps(List.of("com.example.crm"), null, null));

        assertEquals(List.of(), merged.workApps().allowed());
        PolicySettings withThird = merger.merge(List.of(merged, settings().workApps(List.of("com.example.crm"), null, null).build()));
        assertEquals(List.of(), withThird.workApps().allowed(), "nothing allowed stays nothing allowed");
    }

    @Test
    void anAuthorsEmptyAllowListDoesNotRestrict() {
        PolicyDraft authored = SettingsBuilder.draft(EnumSet.of(Ownership.CORPORATE),
                settings().workApps(List.of(), null, null).messaging(List.of(), true, null).build());

        PolicySettings merged = merger.merge(List.of(authored.settings(),
                settings().workApps(List.of("com.example.mail"), null, null)
                        .messaging(List.of("org.example.workchat"), null, null).build()));

        assertEquals(List.of("com.example.mail"), merged.workApps().allowed());
        assertEquals(List.of("org.example.workchat"), merged.messaging().approvedApps());
    }

    @Test
    void backupIsRequiredWhenAnySourceRequiresItAndLongestRetentionWins() {
        PolicySettings merged = merge(settings().messaging(null, false, 30), settings().messaging(null, true, 365),
                settings().messaging(null, null, 90));

        assertEquals(new PolicySettings.Messaging(null, true, 365), merged.messaging());
    }

    @ParameterizedTest(name = "{0} and {1} -> {2}")
    @CsvSource(nullValues = "absent", value = {
        "true, true, true", "true, false, false", "false, true, false", "true, absent, true", "absent, false, false"})
    void copyPasteTelemetryAndFullWipeAreAllowedOnlyWhenNoSourceForbidsThem(
            Boolean first, Boolean second, Boolean expected) {
        PolicySettings merged = merge(
                settings().copyPaste(first).telemetry(first, first, first, first).fullWipe(first),
                settings().copyPaste(second).telemetry(second, second, second, second).fullWipe(second));

        assertEquals(new PolicySettings.DataSharing(expected), merged.dataSharing());
        assertEquals(new PolicySettings.Telemetry(expected, expected, expected, expected), merged.telemetry());
        assertEquals(new PolicySettings.Wipe(expected), merged.wipe());
    }

    @Test
    void fieldsNoSourceSetsStayAbsent() {
        assertEquals(PolicySettings.empty(), merger.merge(List.of()));
        assertEquals(PolicySettings.empty(), merge(settings(), settings().passcode(null, null).telemetry(null, null, null, null)));
        PolicySettings merged = merge(settings().passcode(true, null), settings().os("14", null));
        assertNull(merged.passcode().minLength());
        assertNull(merged.os().minIosVersion());
        assertNull(merged.workApps());
        assertNull(merged.telemetry());
    }

    @Test
    void normalisedSortsRemovesDuplicatesAndDropsEmptySections() {
        PolicySettings messy = new PolicySettings(
                new PolicySettings.Passcode(null, null),
                new PolicySettings.Os("14.0", null),
                new PolicySettings.WorkApps(List.of(), List.of("com.whatsapp", "com.example.crm", "com.whatsapp"), List.of()),
                new PolicySettings.Messaging(null, null, null),
                new PolicySettings.DataSharing(null),
                new PolicySettings.Telemetry(null, false, null, null),
                new PolicySettings.Wipe(null));

        PolicySettings expected = new PolicySettings(
                null,
                new PolicySettings.Os("14.0", null),
                new PolicySettings.WorkApps(List.of(), List.of("com.example.crm", "com.whatsapp"), null),
                null,
                null,
                new PolicySettings.Telemetry(null, false, null, null),
                null);
        assertEquals(expected, messy.normalised());
    }

    // ---- properties over hand-made and generated settings ----

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2024, 99991})
    void mergeIsCommutativeIdempotentAndNormalising(long seed) {
        List<PolicySettings> samples = samples(seed, 30);
        for (PolicySettings a : samples) {
            PolicySettings alone = merger.merge(List.of(a));
            assertEquals(a.normalised(), alone, () -> "merge(a) for " + a);
            assertEquals(alone, merger.merge(List.of(a, a)), () -> "merge(a, a) for " + a);
            assertEquals(alone, merger.merge(List.of(alone)), () -> "merging an effective policy again for " + a);
            for (PolicySettings b : samples) {
                assertEquals(merger.merge(List.of(a, b)), merger.merge(List.of(b, a)), () -> a + " and " + b);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2024, 99991})
    void mergeIsAssociative(long seed) {
        List<PolicySettings> samples = samples(seed, 14);
        for (PolicySettings a : samples) {
            for (PolicySettings b : samples) {
                for (PolicySettings c : samples) {
                    PolicySettings right = merger.merge(List.of(a, merger.merge(List.of(b, c))));
                    PolicySettings left = merger.merge(List.of(merger.merge(List.of(a, b)), c));
                    assertEquals(left, right, () -> a + " / " + b + " / " + c);
                    assertEquals(left, merger.merge(List.of(a, b, c)), () -> a + " / " + b + " / " + c);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2024, 99991})
    void mergedPolicyIsNeverLessRestrictiveThanAnySource(long seed) {
        Random random = new Random(seed);
        List<PolicySettings> samples = samples(seed, 30);
        for (int round = 0; round < 300; round++) {
            List<PolicySettings> sources = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                sources.add(samples.get(random.nextInt(samples.size())));
            }
            PolicySettings merged = merger.merge(sources);
            for (PolicySettings source : sources) {
                assertTrue(isAtLeastAsRestrictiveAs(merged, source), () -> merged + " is weaker than " + source);
            }
        }
    }

    @Test
    void restrictivenessCheckNoticesAWeakerResult() {
        PolicySettings strict = settings().passcode(true, 8).os("14", null)
                .workApps(List.of("com.example.mail"), List.of("com.whatsapp"), null)
                .messaging(null, true, 365).copyPaste(false).telemetry(false, null, null, null).build();

        assertTrue(isAtLeastAsRestrictiveAs(strict, strict));
        assertFalse(isAtLeastAsRestrictiveAs(settings().passcode(true, 6).build(), strict));
        assertFalse(isAtLeastAsRestrictiveAs(PolicySettings.empty(), strict));
        PolicySettings locationAllowed = settings().passcode(true, 8).os("14", null)
                .workApps(List.of("com.example.mail"), List.of("com.whatsapp"), null)
                .messaging(null, true, 365).copyPaste(false).telemetry(true, null, null, null).build();
        assertFalse(isAtLeastAsRestrictiveAs(locationAllowed, strict));
    }

    @Test
    void generatedSamplesIncludeAllowListsWithoutCommonApp() {
        List<PolicySettings> samples = samples(42, 30);
        Set<List<String>> allowLists = new HashSet<>();
        samples.forEach(s -> {
            if (s.workApps() != null && s.workApps().allowed() != null) {
                allowLists.add(s.workApps().allowed().stream().sorted().distinct().toList());
            }
        });
        assertTrue(allowLists.stream().anyMatch(first -> allowLists.stream()
                        .anyMatch(second -> !first.isEmpty() && !second.isEmpty() && first.stream().noneMatch(second::contains))),
                "the properties must also see allow-lists without a common app");
    }

    /** Whether {@code result} demands at least what {@code source} demands and allows at most what it allows. */
    private static boolean isAtLeastAsRestrictiveAs(PolicySettings result, PolicySettings source) {
        return keepsTrue(result, source, s -> s.passcode() == null ? null : s.passcode().required())
                && atLeast(result, source, s -> s.passcode() == null ? null : s.passcode().minLength())
                && atLeastOs(result, source, s -> s.os() == null ? null : s.os().minAndroidVersion())
                && atLeastOs(result, source, s -> s.os() == null ? null : s.os().minIosVersion())
                && contains(result, source, s -> s.workApps() == null ? null : s.workApps().blocked())
                && contains(result, source, s -> s.workApps() == null ? null : s.workApps().required())
                && within(result, source, s -> s.workApps() == null ? null : s.workApps().allowed())
                && within(result, source, s -> s.messaging() == null ? null : s.messaging().approvedApps())
                && keepsTrue(result, source, s -> s.messaging() == null ? null : s.messaging().backupRequired())
                && atLeast(result, source, s -> s.messaging() == null ? null : s.messaging().retentionDays())
                && keepsFalse(result, source, s -> s.dataSharing() == null ? null : s.dataSharing().workToPersonalCopyPaste())
                && keepsFalse(result, source, s -> s.telemetry() == null ? null : s.telemetry().location())
                && keepsFalse(result, source, s -> s.telemetry() == null ? null : s.telemetry().personalAppInventory())
                && keepsFalse(result, source, s -> s.telemetry() == null ? null : s.telemetry().callLog())
                && keepsFalse(result, source, s -> s.telemetry() == null ? null : s.telemetry().browsingHistory())
                && keepsFalse(result, source, s -> s.wipe() == null ? null : s.wipe().fullDeviceWipeAllowed());
    }

    private static boolean keepsTrue(PolicySettings result, PolicySettings source, Function<PolicySettings, Boolean> field) {
        return !Boolean.TRUE.equals(field.apply(source)) || Boolean.TRUE.equals(field.apply(result));
    }

    /** Something a source forbids stays forbidden: the result is true only where every source that speaks is. */
    private static boolean keepsFalse(PolicySettings result, PolicySettings source, Function<PolicySettings, Boolean> field) {
        return !Boolean.FALSE.equals(field.apply(source)) || Boolean.FALSE.equals(field.apply(result));
    }

    private static boolean atLeast(PolicySettings result, PolicySettings source, Function<PolicySettings, Integer> field) {
        Integer demanded = field.apply(source);
        Integer merged = field.apply(result);
        return demanded == null || (merged != null && merged >= demanded);
    }

    private static boolean atLeastOs(PolicySettings result, PolicySettings source, Function<PolicySettings, String> field) {
        String demanded = field.apply(source);
        String merged = field.apply(result);
        return demanded == null || (merged != null && OsVersion.parse(merged).compareTo(OsVersion.parse(demanded)) >= 0);
    }

    private static boolean contains(PolicySettings result, PolicySettings source, Function<PolicySettings, List<String>> field) {
        List<String> demanded = field.apply(source);
        List<String> merged = field.apply(result);
        return demanded == null || demanded.isEmpty() || (merged != null && merged.containsAll(demanded));
    }

    /** A source's allow-list bounds the result: the result has one and allows nothing outside it. */
    private static boolean within(PolicySettings result, PolicySettings source, Function<PolicySettings, List<String>> field) {
        List<String> bound = field.apply(source);
        List<String> merged = field.apply(result);
        return bound == null || (merged != null && new HashSet<>(bound).containsAll(merged));
    }

    // ---- samples ----

    private static PolicySettings merge(SettingsBuilder... sources) {
        return new EffectivePolicyMerger().merge(Arrays.stream(sources).map(SettingsBuilder::build).toList());
    }

    private static List<PolicySettings> samples(long seed, int generated) {
        List<PolicySettings> samples = new ArrayList<>(handMade());
        Random random = new Random(seed);
        for (int i = 0; i < generated; i++) {
            samples.add(randomSettings(random));
        }
        return samples;
    }

    private static List<PolicySettings> handMade() {
        return List.of(
                PolicySettings.empty(),
                settings().passcode(true, 6).os("14", "17.4")
                        .workApps(null, List.of("com.whatsapp"), List.of("org.example.workchat"))
                        .messaging(List.of("org.example.workchat"), true, 365).copyPaste(false)
                        .telemetry(false, false, false, false).fullWipe(false).build(),
                settings().passcode(false, null).os("14.0", null).copyPaste(true)
                        .telemetry(true, true, true, true).fullWipe(true).build(),
                settings().workApps(List.of("com.example.mail", "com.example.crm"), List.of(), null)
                        .messaging(List.of("org.telegram.messenger"), false, 30).build(),
                settings().workApps(List.of("com.whatsapp"), List.of("com.example.crm", "com.example.crm"), List.of())
                        .os(null, "17.4.1").build(),
                settings().workApps(List.of(), null, null).messaging(List.of(), null, null).build(),
                settings().passcode(null, null).os(null, null).telemetry(null, null, null, null).build());
    }

    private static PolicySettings randomSettings(Random random) {
        return new PolicySettings(
                chance(random) ? null : new PolicySettings.Passcode(bool(random), number(random, 4, 64)),
                chance(random) ? null : new PolicySettings.Os(osVersion(random), osVersion(random)),
                chance(random) ? null : new PolicySettings.WorkApps(apps(random), apps(random), apps(random)),
                chance(random) ? null : new PolicySettings.Messaging(apps(random), bool(random), number(random, 1, 3650)),
                chance(random) ? null : new PolicySettings.DataSharing(bool(random)),
                chance(random) ? null
                        : new PolicySettings.Telemetry(bool(random), bool(random), bool(random), bool(random)),
                chance(random) ? null : new PolicySettings.Wipe(bool(random)));
    }

    private static boolean chance(Random random) {
        return random.nextInt(3) == 0;
    }

    private static Boolean bool(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> true;
            default -> false;
        };
    }

    private static Integer number(Random random, int lowest, int highest) {
        return chance(random) ? null : lowest + random.nextInt(highest - lowest + 1);
    }

    private static String osVersion(Random random) {
        return chance(random) ? null : OS_VERSIONS.get(random.nextInt(OS_VERSIONS.size()));
    }

    /** Absent, empty, or a few apps in random order, duplicates possible. */
    private static List<String> apps(Random random) {
        if (chance(random)) {
            return null;
        }
        List<String> apps = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            apps.add(APPS.get(random.nextInt(APPS.size())));
        }
        return apps;
    }
}
