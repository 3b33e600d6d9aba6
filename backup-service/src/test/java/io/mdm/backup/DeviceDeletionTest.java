package io.mdm.backup;

import io.mdm.backup.domain.Violation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceDeletionTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static DeviceDeletion valid(Instant deletedAt) {
        return new DeviceDeletion(UUID.randomUUID().toString(), deletedAt);
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ":" + v.rule()).toList();
    }

    @Test
    void aBatchOfValidDeletionsPasses() {
        List<DeviceDeletion> batch = new ArrayList<>();
        for (int i = 0; i < DeviceDeletion.MAX_BATCH_SIZE; i++) {
            batch.add(valid(NOW.minusSeconds(i)));
        }
        assertTrue(DeviceDeletion.check(batch, NOW).isEmpty());
    }

    @Test
    void anEmptyMissingOrOversizedBatchIsASizeViolation() {
        assertEquals(List.of("deletions:size"), fields(DeviceDeletion.check(null, NOW)));
        assertEquals(List.of("deletions:size"), fields(DeviceDeletion.check(List.of(), NOW)));
        List<DeviceDeletion> tooMany = Collections.nCopies(DeviceDeletion.MAX_BATCH_SIZE + 1, valid(NOW));
        assertEquals(List.of("deletions:size"), fields(DeviceDeletion.check(tooMany, NOW)));
    }

    @Test
    void eachBrokenFieldIsNamed() {
        List<DeviceDeletion> batch = new ArrayList<>();
        batch.add(new DeviceDeletion("not-a-uuid", NOW));
        batch.add(new DeviceDeletion(null, null));
        batch.add(null);
        batch.add(valid(NOW.plus(Duration.ofMinutes(6))));
        assertEquals(List.of("deletions[0].messageId:format", "deletions[1].messageId:required",
                        "deletions[1].deletedAt:required", "deletions[2]:required", "deletions[3].deletedAt:not-in-future"),
                fields(DeviceDeletion.check(batch, NOW)));
    }

    @Test
    void aPhoneClockAFewMinutesAheadIsTolerated() {
        assertTrue(DeviceDeletion.check(List.of(valid(NOW.plus(Duration.ofMinutes(5)))), NOW).isEmpty());
    }
}
