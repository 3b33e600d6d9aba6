package io.mdm.policy.domain;

import static io.mdm.policy.domain.SettingsBuilder.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ComplianceEvaluatorTest {

    private static final String WORKCHAT = "org.example.workchat";
    private static final String WHATSAPP = "com.whatsapp";
    private static final Instant REPORTED_AT = Instant.parse("2025-03-01T10:00:00Z");

    /** The story's policy: passcode, a minimum OS, the work messenger required, WhatsApp blocked. */
    private static final PolicySettings POLICY = settings()
            .passcode(true, 6)
            .os("14", "17.4")
            .workApps(null, List.of(WHATSAPP), List.of(WORKCHAT))
            .messaging(List.of(WORKCHAT), true, 365)
            .build();

    private final ComplianceEvaluator evaluator = new ComplianceEvaluator();

    private static ComplianceReport report(
            String osVersion, boolean passcodeSet, Integer passcodeLength, boolean encrypted, List<String> workApps) {
        return new ComplianceReport(osVersion, Platform.ANDROID, passcodeSet, passcodeLength, encrypted, workApps, REPORTED_AT);
    }

    private static ComplianceReport compliantReport() {
        return report("14.1", true, 8, true, List.of(WORKCHAT));
    }

    static Stream<Arguments> singleDefects() {
        return Stream.of(
                Arguments.of("blocked app present", report("14.1", true, 8, true, List.of(WORKCHAT, WHATSAPP)),
                        "blocked-app-installed"),
                Arguments.of("required app missing", report("14.1", true, 8, true, List.of()), "required-app-missing"),
                Arguments.of("passcode too short", report("14.1", true, 5, true, List.of(WORKCHAT)), "passcode-too-short"),
                Arguments.of("passcode length unknown", report("14.1", true, null, true, List.of(WORKCHAT)),
                        "passcode-length-unknown"),
                Arguments.of("no passcode", report("14.1", false, null, true, List.of(WORKCHAT)), "passcode-not-set"),
                Arguments.of("old OS", report("13.9", true, 8, true, List.of(WORKCHAT)), "os-too-old"),
                Arguments.of("unreadable OS", report("fourteen", true, 8, true, List.of(WORKCHAT)), "os-version-unknown"),
                Arguments.of("not encrypted", report("14.1", true, 8, false, List.of(WORKCHAT)), "device-not-encrypted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleDefects")
    void eachDefectMakesTheDeviceNonCompliantWithItsRule(String defect, ComplianceReport report, String rule) {
        ComplianceResult result = evaluator.evaluate(POLICY, Platform.ANDROID, report);

        assertEquals(ComplianceStatus.NON_COMPLIANT, result.status());
        assertEquals(List.of(rule), result.reasons().stream().map(ComplianceResult.Reason::rule).toList());
    }

    @Test
    void aFullyFixedReportIsCompliant() {
        ComplianceReport broken = report("13", true, 4, false, List.of(WHATSAPP));
        assertEquals(
                List.of("device-not-encrypted", "passcode-too-short", "os-too-old", "blocked-app-installed",
                        "required-app-missing"),
                rules(evaluator.evaluate(POLICY, Platform.ANDROID, broken)));

        ComplianceResult fixed = evaluator.evaluate(POLICY, Platform.ANDROID, compliantReport());

        assertEquals(new ComplianceResult(ComplianceStatus.COMPLIANT, List.of()), fixed);
    }

    @ParameterizedTest(name = "length {0} against minimum 6: compliant={1}")
    @CsvSource({"5, false", "6, true", "7, true"})
    void passcodeLengthIsMeasuredAgainstTheMinimum(int length, boolean compliant) {
        ComplianceResult result = evaluator.evaluate(POLICY, Platform.ANDROID, report("14.1", true, length, true, List.of(WORKCHAT)));

        assertEquals(compliant ? ComplianceStatus.COMPLIANT : ComplianceStatus.NON_COMPLIANT, result.status());
    }

    @ParameterizedTest(name = "{0} {1}: compliant={2}")
    @CsvSource({"ANDROID, 14, true", "ANDROID, 13.9, false", "IOS, 17.3, false", "IOS, 17.4, true", "IOS, 17.4.1, true",
        "IOS, 14.5, false"})
    void theMinimumOsVersionOfTheDevicesPlatformApplies(Platform platform, String osVersion, boolean compliant) {
        ComplianceReport report = new ComplianceReport(osVersion, platform, true, 8, true, List.of(WORKCHAT), REPORTED_AT);

        ComplianceResult result = evaluator.evaluate(POLICY, platform, report);

        assertEquals(compliant ? List.of() : List.of("os-too-old"), rules(result));
    }

    @Test
    void reasonsNameEachOffendingAppOnceInAlphabeticalOrder() {
        PolicySettings policy = settings()
                .workApps(null, List.of("com.whatsapp", "org.telegram.messenger"), List.of(WORKCHAT, "com.example.mail"))
                .build();
        ComplianceReport report = report("15", false, null, true, List.of("org.telegram.messenger", "com.whatsapp", "com.whatsapp"));

        ComplianceResult result = evaluator.evaluate(policy, Platform.ANDROID, report);

        assertEquals(
                List.of("blocked-app-installed", "blocked-app-installed", "required-app-missing", "required-app-missing"),
                rules(result));
        List<String> named = List.of("com.whatsapp", "org.telegram.messenger", "com.example.mail", WORKCHAT);
        for (int i = 0; i < named.size(); i++) {
            String message = result.reasons().get(i).message();
            assertTrue(message.startsWith(named.get(i) + " "), message);
        }
    }

    @Test
    void theOrderOfReportedAppsDoesNotChangeTheResult() {
        PolicySettings policy = settings().workApps(List.of("com.example.mail"), List.of(WHATSAPP), null).build();

        ComplianceResult one = evaluator.evaluate(policy, Platform.ANDROID,
                report("15", true, 8, true, List.of(WHATSAPP, "com.example.crm", "org.telegram.messenger")));
        ComplianceResult other = evaluator.evaluate(policy, Platform.ANDROID,
                report("15", true, 8, true, List.of("org.telegram.messenger", "com.example.crm", WHATSAPP)));

        assertEquals(one, other);
    }

    @Test
    void appsOutsideANonEmptyAllowListAreReportedBlockedAppsOnlyAsBlocked() {
        PolicySettings policy = settings().workApps(List.of(WORKCHAT, "com.example.mail"), List.of(WHATSAPP), null).build();

        ComplianceResult result = evaluator.evaluate(policy, Platform.ANDROID,
                report("15", true, 8, true, List.of(WORKCHAT, "com.example.crm", WHATSAPP)));

        assertEquals(List.of("blocked-app-installed", "app-not-allowed"), rules(result));
        assertTrue(result.reasons().get(1).message().contains("com.example.crm"));
    }

    @Test
    void anEffectiveAllowListWithoutAnyAppAllowsNoWorkApp() {
        PolicySettings noCommonApp = new EffectivePolicyMerger().merge(List.of(
                settings().workApps(List.of(WORKCHAT), null, null).build(),
                settings().workApps(List.of("com.example.mail"), null, null).build()));

        ComplianceResult result = evaluator.evaluate(noCommonApp, Platform.ANDROID, report("15", true, 8, true, List.of(WORKCHAT)));

        assertEquals(List.of("app-not-allowed"), rules(result));
    }

    @Test
    void aMinimumLengthAloneAlsoRequiresAPasscode() {
        PolicySettings lengthOnly = settings().passcode(null, 6).build();

        assertEquals(List.of("passcode-not-set"),
                rules(evaluator.evaluate(lengthOnly, Platform.ANDROID, report("15", false, null, true, List.of()))));
    }

    @Test
    void withoutRequirementsOnlyEncryptionCounts() {
        assertEquals(ComplianceStatus.COMPLIANT, evaluator.evaluate(
                PolicySettings.empty(), Platform.IOS, report("1", false, null, true, null)).status());
        assertEquals(List.of("device-not-encrypted"), rules(evaluator.evaluate(
                PolicySettings.empty(), Platform.IOS, report("1", false, null, false, null))));
    }

    @Test
    void statusMustAgreeWithReasons() {
        List<ComplianceResult.Reason> oneReason = List.of(new ComplianceResult.Reason("os-too-old", "old"));

        assertThrows(IllegalArgumentException.class, () -> new ComplianceResult(ComplianceStatus.COMPLIANT, oneReason));
        assertThrows(IllegalArgumentException.class, () -> new ComplianceResult(ComplianceStatus.NON_COMPLIANT, List.of()));
    }

    private static List<String> rules(ComplianceResult result) {
        return result.reasons().stream().map(ComplianceResult.Reason::rule).toList();
    }
}
