package io.mdm.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition that another component (the Kafka consumer, the outbox relay) makes true
 * in its own time: asks {@code probe} again every {@value #PAUSE_MILLIS} ms until the answer is
 * {@code wanted}, and fails with the last answer after {@code timeout}. Never a fixed wait.
 */
final class Eventually {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final long PAUSE_MILLIS = 100;

    private Eventually() {
    }

    static <T> T await(String what, Supplier<T> probe, Predicate<T> wanted) {
        return await(what, probe, wanted, DEFAULT_TIMEOUT);
    }

    static <T> T await(String what, Supplier<T> probe, Predicate<T> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        T answer = probe.get();
        while (!wanted.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what + "; last answer: " + answer);
            }
            LockSupport.parkNanos(Duration.ofMillis(PAUSE_MILLIS).toNanos());
            answer = probe.get();
        }
        return answer;
    }
}
