package io.mdm.audit.log.service;

import io.mdm.audit.log.Checkpoint;

import java.time.Duration;
import java.time.Instant;

/**
 * When the log needs a new checkpoint: only when it grew since the last one, and then once it
 * grew by {@code everyRecords} or {@code every} has passed since the last one. The first
 * checkpoint is due as soon as the log has a record.
 */
record CheckpointSchedule(int everyRecords, Duration every) {

    CheckpointSchedule {
        if (everyRecords < 1) {
            throw new IllegalArgumentException("everyRecords must be positive");
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive");
        }
    }

    /**
     * @param latest the latest checkpoint, or null when there is none
     */
    boolean isDue(long logSize, Checkpoint latest, Instant now) {
        if (latest == null) {
            return logSize > 0;
        }
        if (logSize <= latest.treeSize()) {
            return false;
        }
        return logSize - latest.treeSize() >= everyRecords || !now.isBefore(latest.time().plus(every));
    }
}
