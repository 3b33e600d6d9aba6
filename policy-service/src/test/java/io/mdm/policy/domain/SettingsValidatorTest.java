package io.mdm.policy.domain;

import static io.mdm.policy.domain.SettingsBuilder.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsValidatorTest {

    private final SettingsValidator validator = new SettingsValidator();

    private static PolicyDraft draftWith(PolicySettings settings) {
        return new PolicyDraft("Work phones", "Baseline for every phone",
                new PolicyTarget(EnumSet.of(Ownership.BYOD), Set.of()), settings);
    }

    private List<String> rulesFor(PolicyDraft draft) {
        return validator.validate(draft).stream().map(Violation::rule).toList();
    }

    private List<String> fieldsFor(PolicyDraft draft) {
        return validator.validate(draft).stream().map(Violation::field).toList();
    }

    @Test
    void theStorysPolicyIsValid() {
        PolicySettings story = settings()
                .passcode(true, 6)
                .os("14", "17.4")
                .workApps(List.of("org.example.workchat", "com.example.mail"), List.of("com.whatsapp"),
                        List.of("org.example.workchat"))
                .messaging(List.of("org.example.workchat"), true, 365)
                .copyPaste(false)
                .build();

        assertEquals(List.of(), validator.validate(draftWith(story)));
        assertEquals(List.of(), validator.validate(draftWith(PolicySettings.empty())));
    }

    @ParameterizedTest(name = "minLength {0} valid={1}")
    @CsvSource({"3, false", "4, true", "64, true", "65, false", "0, false", "-4, false"})
    void passcodeMinimumLengthIsBetween4And64(int minLength, boolean valid) {
        PolicyDraft draft = draftWith(settings().passcode(true, minLength).build());

        assertEquals(valid ? List.of() : List.of("settings.passcode.minLength"), fieldsFor(draft));
        assertEquals(valid ? List.of() : List.of("passcode-min-length-range"), rulesFor(draft));
    }

    @ParameterizedTest(name = "retentionDays {0} valid={1}")
    @CsvSource({"0, false", "1, true", "3650, true", "3651, false"})
    void retentionIsBetween1And3650Days(int days, boolean valid) {
        PolicyDraft draft = draftWith(settings().messaging(null, true, days).build());

        assertEquals(valid ? List.of() : List.of("settings.messaging.retentionDays"), fieldsFor(draft));
    }

    @ParameterizedTest(name = "\"{0}\" valid={1}")
    @CsvSource({
        "14, true", "17.4, true", "17.4.1, true", "1.2.3.4, true",
        "1.2.3.4.5, false", "14., false", "v14, false", "'', false", "14.x, false", "99999999999, false"
    })
    void minimumOsVersionsAreDottedNumbers(String version, boolean valid) {
        PolicyDraft draft = draftWith(settings().os(version, version).build());

        assertEquals(valid ? List.of() : List.of("settings.os.minAndroidVersion", "settings.os.minIosVersion"),
                fieldsFor(draft));
    }

    @ParameterizedTest(name = "\"{0}\" valid={1}")
    @CsvSource({
        "org.example.workchat, true", "com.whatsapp, true", "A.b, true", "com.example_app.v2, true",
        "whatsapp, false", "1com.example, false", "com..example, false", "com.example., false", ".com.example, false",
        "com.exa mple, false", "com.exa-mple, false", "'', false"
    })
    void appIdsAreReverseDnsNames(String appId, boolean valid) {
        PolicyDraft draft = draftWith(settings().workApps(null, List.of(appId), null).build());

        assertEquals(valid ? List.of() : List.of("app-id-format"), rulesFor(draft));
    }

    @ParameterizedTest(name = "length {0} valid={1}")
    @CsvSource({"255, true", "256, false"})
    void appIdsHaveAtMost255Characters(int length, boolean valid) {
        String appId = "com." + "a".repeat(length - 4);
        PolicyDraft draft = draftWith(settings().messaging(List.of(appId), null, null).build());

        assertEquals(valid ? List.of() : List.of("settings.messaging.approvedApps[0]"), fieldsFor(draft));
        assertEquals(valid ? List.of() : List.of("app-id-too-long"), rulesFor(draft));
    }

    @ParameterizedTest(name = "{0} apps valid={1}")
    @CsvSource({"500, true", "501, false"})
    void eachAppListHoldsAtMost500Apps(int count, boolean valid) {
        List<String> apps = IntStream.range(0, count).mapToObj(i -> "com.example.app" + i).toList();
        List<Function<List<String>, PolicySettings>> lists = List.of(
                list -> settings().workApps(list, null, null).build(),
                list -> settings().workApps(null, list, null).build(),
                list -> settings().workApps(null, null, list).build(),
                list -> settings().messaging(list, null, null).build());

        for (Function<List<String>, PolicySettings> list : lists) {
            assertEquals(valid ? List.of() : List.of("too-many-apps"), rulesFor(draftWith(list.apply(apps))));
        }
    }

    @Test
    void anAppListedTwiceIsReportedAtItsSecondPlace() {
        PolicyDraft draft = draftWith(settings()
                .workApps(null, null, List.of("com.example.mail", "org.example.workchat", "com.example.mail"))
                .build());

        assertEquals(List.of(new Violation("settings.workApps.required[2]", "duplicate-app-id",
                "com.example.mail is listed twice")), validator.validate(draft));
    }

    @Test
    void anAppBothAllowedOrRequiredAndBlockedIsAContradiction() {
        PolicyDraft draft = draftWith(settings()
                .workApps(List.of("com.whatsapp", "com.example.mail"), List.of("com.example.crm", "com.whatsapp"),
                        List.of("com.whatsapp", "com.example.crm"))
                .build());

        List<Violation> violations = validator.validate(draft);

        assertEquals(List.of("app-required-and-blocked", "app-allowed-and-blocked", "app-required-and-blocked"),
                violations.stream().map(Violation::rule).toList());
        assertEquals(List.of("settings.workApps.blocked[0]", "settings.workApps.blocked[1]", "settings.workApps.blocked[1]"),
                violations.stream().map(Violation::field).toList());
        assertTrue(violations.get(0).message().contains("com.example.crm"));
    }

    @ParameterizedTest(name = "name of {0} characters valid={1}")
    @CsvSource({"0, false", "1, true", "200, true", "201, false"})
    void nameHas1To200Characters(int length, boolean valid) {
        PolicyDraft draft = new PolicyDraft("n".repeat(length), null,
                new PolicyTarget(EnumSet.of(Ownership.CORPORATE), Set.of()), PolicySettings.empty());

        assertEquals(valid ? List.of() : List.of("name"), fieldsFor(draft));
    }

    @Test
    void nameIsRequiredAndNotBlank() {
        PolicyTarget target = new PolicyTarget(EnumSet.of(Ownership.CORPORATE), Set.of());

        assertEquals(List.of("name-required"), rulesFor(new PolicyDraft(null, null, target, PolicySettings.empty())));
        assertEquals(List.of("name-required"), rulesFor(new PolicyDraft("  ", null, target, PolicySettings.empty())));
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String twoHundredEmoji = "\uD83D\uDCF1".repeat(200);
        PolicyDraft draft = new PolicyDraft(twoHundredEmoji, null,
                new PolicyTarget(EnumSet.of(Ownership.CORPORATE), Set.of()), PolicySettings.empty());

        assertEquals(List.of(), validator.validate(draft));
    }

    @ParameterizedTest(name = "description of {0} characters valid={1}")
    @CsvSource({"0, true", "2000, true", "2001, false"})
    void descriptionHasAtMost2000Characters(int length, boolean valid) {
        PolicyDraft draft = new PolicyDraft("Work phones", "d".repeat(length),
                new PolicyTarget(EnumSet.of(Ownership.CORPORATE), Set.of()), PolicySettings.empty());

        assertEquals(valid ? List.of() : List.of("description-too-long"), rulesFor(draft));
    }

    @Test
    void aTargetNeedsAnOwnership() {
        assertEquals(List.of("ownership-required"), rulesFor(
                new PolicyDraft("Work phones", null, new PolicyTarget(Set.of(), Set.of()), PolicySettings.empty())));
        assertEquals(List.of("target-required"), rulesFor(
                new PolicyDraft("Work phones", null, null, PolicySettings.empty())));
    }

    @ParameterizedTest(name = "\"{0}\" valid={1}")
    @CsvSource({
        "E1001, true", "erin.smith_2-x, true", "'', false", "E 1001, false", "E1001@example.com, false",
        "\u00e9rin, false"
    })
    void employeeIdsAreShortPlainIdentifiers(String employeeId, boolean valid) {
        PolicyDraft draft = new PolicyDraft("Work phones", null,
                new PolicyTarget(EnumSet.of(Ownership.BYOD), Set.of(employeeId)), PolicySettings.empty());

        assertEquals(valid ? List.of() : List.of("employee-id-format"), rulesFor(draft));
    }

    @ParameterizedTest(name = "employee id of {0} characters valid={1}")
    @CsvSource({"64, true", "65, false"})
    void employeeIdsHaveAtMost64Characters(int length, boolean valid) {
        PolicyDraft draft = new PolicyDraft("Work phones", null,
                new PolicyTarget(EnumSet.of(Ownership.BYOD), Set.of("E".repeat(length))), PolicySettings.empty());

        assertEquals(valid ? List.of() : List.of("employee-id-format"), rulesFor(draft));
    }

    @ParameterizedTest(name = "{0} employees valid={1}")
    @CsvSource({"1000, true", "1001, false"})
    void aPolicyNamesAtMost1000Employees(int count, boolean valid) {
        Set<String> employees = new HashSet<>(IntStream.range(0, count).mapToObj(i -> "E" + i).toList());
        PolicyDraft draft = new PolicyDraft("Work phones", null,
                new PolicyTarget(EnumSet.of(Ownership.BYOD), employees), PolicySettings.empty());

        assertEquals(valid ? List.of() : List.of("too-many-employee-ids"), rulesFor(draft));
    }

    @Test
    void settingsAreRequired() {
        assertEquals(List.of("settings"), fieldsFor(draftWith(null)));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        List<String> withNull = new ArrayList<>(Arrays.asList("com.example.mail", null));
        PolicyDraft draft = new PolicyDraft("", "d".repeat(2001), new PolicyTarget(Set.of(), Set.of("bad id")),
                settings().passcode(true, 3).os("fourteen", "17.4").workApps(null, withNull, null)
                        .messaging(null, true, 0).build());

        assertEquals(List.of("name", "description", "target.ownership", "target.employeeIds",
                        "settings.passcode.minLength", "settings.os.minAndroidVersion", "settings.workApps.blocked[1]",
                        "settings.messaging.retentionDays"),
                fieldsFor(draft));
    }

    @Test
    void anAuthorsEmptyAllowListIsStoredAsAbsent() {
        PolicyDraft draft = draftWith(settings().workApps(List.of(), List.of(), null).messaging(List.of(), true, null).build());

        assertNull(draft.settings().workApps().allowed());
        assertEquals(List.of(), draft.settings().workApps().blocked());
        assertNull(draft.settings().messaging().approvedApps());
        assertEquals(true, draft.settings().messaging().backupRequired());
    }
}
