package io.mdm.backup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionDecisionTest {

    private static final Instant SENT_AT = Instant.parse("2025-01-01T12:00:00Z");

    // retention 365 days: the period ends at 2026-01-01T12:00:00Z (2025 is not a leap year)
    @ParameterizedTest(name = "{0}, hold={1} -> {2}")
    @CsvSource({
        "2025-06-01T00:00:00Z,          false, KEEP",
        "2025-06-01T00:00:00Z,          true,  KEEP",
        "2026-01-01T11:59:59.999999999Z, false, KEEP",
        "2026-01-01T12:00:00Z,          false, PURGE",
        "2026-01-01T12:00:00Z,          true,  KEEP_UNDER_HOLD",
        "2027-03-01T00:00:00Z,          false, PURGE",
        "2027-03-01T00:00:00Z,          true,  KEEP_UNDER_HOLD",
    })
    void decidesByAgeAndHold(Instant now, boolean underActiveHold, RetentionDecision expected) {
        assertEquals(expected, RetentionDecision.decide(SENT_AT, 365, underActiveHold, now));
    }

    @Test
    void retentionOfZeroDaysIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> RetentionDecision.decide(SENT_AT, 0, false, SENT_AT));
    }

    @Test
    void runCountsPurgedAndHeldButNotKept() {
        RetentionRun run = RetentionRun.NOTHING;
        for (RetentionDecision d : List.of(RetentionDecision.PURGE, RetentionDecision.KEEP,
                RetentionDecision.KEEP_UNDER_HOLD, RetentionDecision.PURGE, RetentionDecision.KEEP)) {
            run = run.counting(d);
        }

        assertEquals(new RetentionRun(2, 1), run);
    }
}
