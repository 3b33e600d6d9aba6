package io.mdm.audit.log.service;

import io.mdm.audit.log.Checkpoint;
import io.mdm.audit.log.CheckpointSigner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointScheduleTest {

    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    private static final CheckpointSchedule EVERY_100_OR_10S = new CheckpointSchedule(100, Duration.ofSeconds(10));
    private static final CheckpointSigner SIGNER = new CheckpointSigner("test/log", CheckpointSigner.generatePrivateKey());

    private static Checkpoint at(long treeSize, Instant time) {
        return SIGNER.sign(treeSize, new byte[32], time);
    }

    @Test
    void theFirstCheckpointIsDueWithTheFirstRecord() {
        assertFalse(EVERY_100_OR_10S.isDue(0, null, T0));
        assertTrue(EVERY_100_OR_10S.isDue(1, null, T0));
    }

    @Test
    void aLogThatDidNotGrowNeedsNoCheckpoint() {
        assertFalse(EVERY_100_OR_10S.isDue(50, at(50, T0), T0.plus(Duration.ofHours(1))));
    }

    @Test
    void aHundredNewRecordsMakeItDueAtOnce() {
        assertFalse(EVERY_100_OR_10S.isDue(149, at(50, T0), T0.plusSeconds(1)));
        assertTrue(EVERY_100_OR_10S.isDue(150, at(50, T0), T0.plusSeconds(1)));
    }

    @Test
    void tenSecondsAfterTheLastOneAnyGrowthMakesItDue() {
        assertFalse(EVERY_100_OR_10S.isDue(51, at(50, T0), T0.plusSeconds(9)));
        assertTrue(EVERY_100_OR_10S.isDue(51, at(50, T0), T0.plusSeconds(10)));
    }
}
