package io.mdm.policy.domain;

import static io.mdm.policy.domain.SettingsBuilder.draft;
import static io.mdm.policy.domain.SettingsBuilder.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrivacyGuardrailsTest {

    private final PrivacyGuardrails guardrails = new PrivacyGuardrails();

    /** Field, rule id, what the message must name, and settings asking for only that field. */
    static Stream<Arguments> privacyFields() {
        return Stream.of(
                Arguments.of("settings.telemetry.location", "byod-no-location", "location",
                        settings().telemetry(true, null, null, null).build()),
                Arguments.of("settings.telemetry.personalAppInventory", "byod-no-personal-app-inventory",
                        "personal apps", settings().telemetry(null, true, null, null).build()),
                Arguments.of("settings.telemetry.callLog", "byod-no-call-log", "call log",
                        settings().telemetry(null, null, true, null).build()),
                Arguments.of("settings.telemetry.browsingHistory", "byod-no-browsing-history", "browsing history",
                        settings().telemetry(null, null, null, true).build()),
                Arguments.of("settings.wipe.fullDeviceWipeAllowed", "byod-no-full-device-wipe", "only the work profile",
                        settings().fullWipe(true).build()));
    }

    static Stream<Arguments> byodTargetsAndPrivacyFields() {
        return Stream.of(EnumSet.of(Ownership.BYOD), EnumSet.allOf(Ownership.class))
                .flatMap(target -> privacyFields().map(field -> {
                    Object[] row = field.get();
                    return Arguments.of(target, row[0], row[1], row[2], row[3]);
                }));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("byodTargetsAndPrivacyFields")
    void eachPrivacyFieldAskedOfPersonalPhonesIsExactlyOneViolation(
            Set<Ownership> target, String field, String rule, String named, PolicySettings asking) {
        List<Violation> violations = guardrails.check(draft(target, asking));

        assertEquals(List.of(field), violations.stream().map(Violation::field).toList());
        assertEquals(rule, violations.getFirst().rule());
        String message = violations.getFirst().message();
        assertTrue(message.contains(named), message);
        assertTrue(message.contains("personal"), "the message names the principle: " + message);
    }

    @ParameterizedTest(name = "CORPORATE with {0}")
    @MethodSource("privacyFields")
    void corporateOnlyPolicyMayAskForEachPrivacyField(String field, String rule, String named, PolicySettings asking) {
        assertEquals(List.of(), guardrails.check(draft(EnumSet.of(Ownership.CORPORATE), asking)));
    }

    @Test
    void allFivePrivacyFieldsOnPersonalPhonesGiveFiveViolations() {
        PolicySettings asksForEverything = settings().telemetry(true, true, true, true).fullWipe(true).build();

        List<Violation> violations = guardrails.check(draft(EnumSet.of(Ownership.BYOD), asksForEverything));

        assertEquals(
                Set.of("settings.telemetry.location", "settings.telemetry.personalAppInventory",
                        "settings.telemetry.callLog", "settings.telemetry.browsingHistory",
                        "settings.wipe.fullDeviceWipeAllowed"),
                Set.copyOf(violations.stream().map(Violation::field).toList()));
        assertEquals(5, violations.size());
        assertEquals(5, Set.copyOf(violations.stream().map(Violation::rule).toList()).size());
    }

    @Test
    void privacyFieldsSetToFalseOnPersonalPhonesAreAccepted() {
        PolicySettings collectsNothing = settings().telemetry(false, false, false, false).fullWipe(false).build();

        assertEquals(List.of(), guardrails.check(draft(EnumSet.of(Ownership.BYOD), collectsNothing)));
    }

    @Test
    void workProfileSettingsOnPersonalPhonesAreAccepted() {
        PolicySettings workOnly = settings()
                .passcode(true, 6)
                .workApps(null, List.of("com.whatsapp"), List.of("org.example.workchat"))
                .messaging(List.of("org.example.workchat"), true, 365)
                .copyPaste(false)
                .build();

        assertEquals(List.of(), guardrails.check(draft(EnumSet.of(Ownership.BYOD), workOnly)));
    }
}
