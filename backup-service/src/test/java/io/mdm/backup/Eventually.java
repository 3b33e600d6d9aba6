package io.mdm.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that a Kafka consumer of the application makes true, checking it every
 * 100 ms until a deadline: the application offers no signal to wait on, unlike a topic.
 */
final class Eventually {

    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
