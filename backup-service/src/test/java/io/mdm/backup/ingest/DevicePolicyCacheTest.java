package io.mdm.backup.ingest;

import io.mdm.testkit.AdjustableClock;
import io.mdm.backup.MessagingPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DevicePolicyCacheTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final MessagingPolicy OLD = new MessagingPolicy(Set.of("org.example.workchat"), true, 365);
    private static final MessagingPolicy NEW = new MessagingPolicy(Set.of("org.example.newchat"), true, 365);

    /** The policy-service: an answer per device, and how often it was asked. */
    private static final class Source implements Function<String, Optional<MessagingPolicy>> {
        final Map<String, MessagingPolicy> answers = new HashMap<>();
        final Map<String, Integer> calls = new HashMap<>();
        Runnable duringNextCall = () -> { };

        @Override
        public Optional<MessagingPolicy> apply(String deviceId) {
            calls.merge(deviceId, 1, Integer::sum);
            Optional<MessagingPolicy> answer = Optional.ofNullable(answers.get(deviceId));
            Runnable action = duringNextCall;
            duringNextCall = () -> { };
            action.run();
            return answer;
        }
    }

    private final Source source = new Source();
    private final AdjustableClock clock = new AdjustableClock();

    @Test
    void aPolicyIsAskedForOnceWithinItsTimeToLive() {
        DevicePolicyCache cache = new DevicePolicyCache(source, clock, TTL, 10);
        source.answers.put("d1", OLD);
        assertSame(OLD, cache.forDevice("d1"));
        source.answers.put("d1", NEW);
        assertSame(OLD, cache.forDevice("d1"));
        assertEquals(1, source.calls.get("d1"));

        clock.advance(TTL);
        assertSame(NEW, cache.forDevice("d1"), "expired, so asked again");
        assertEquals(2, source.calls.get("d1"));
    }

    @Test
    void invalidationMakesEveryDeviceAskAgain() {
        DevicePolicyCache cache = new DevicePolicyCache(source, clock, TTL, 10);
        source.answers.put("d1", OLD);
        source.answers.put("d2", OLD);
        cache.forDevice("d1");
        cache.forDevice("d2");
        source.answers.put("d1", NEW);
        source.answers.put("d2", NEW);

        cache.invalidateAll();
        assertSame(NEW, cache.forDevice("d1"));
        assertSame(NEW, cache.forDevice("d2"));
    }

    @Test
    void anAnswerLoadedWhileAnInvalidationHappensIsNotKept() {
        DevicePolicyCache cache = new DevicePolicyCache(source, clock, TTL, 10);
        source.answers.put("d1", OLD);
        source.duringNextCall = cache::invalidateAll;
        assertSame(OLD, cache.forDevice("d1"), "the caller still gets the answer");

        source.answers.put("d1", NEW);
        assertSame(NEW, cache.forDevice("d1"), "the answer that may predate the change was not cached");
    }

    @Test
    void anUnknownDeviceBacksUpNothingAndIsAskedAgainNextTime() {
        DevicePolicyCache cache = new DevicePolicyCache(source, clock, TTL, 10);
        assertSame(MessagingPolicy.NO_BACKUP, cache.forDevice("d1"));
        source.answers.put("d1", OLD);
        assertSame(OLD, cache.forDevice("d1"));
    }

    @Test
    void theLeastRecentlyUsedDeviceMakesRoomWhenFull() {
        DevicePolicyCache cache = new DevicePolicyCache(source, clock, TTL, 2);
        source.answers.put("d1", OLD);
        source.answers.put("d2", OLD);
        source.answers.put("d3", OLD);
        cache.forDevice("d1");
        cache.forDevice("d2");
        cache.forDevice("d1");
        cache.forDevice("d3");

        cache.forDevice("d1");
        assertEquals(1, source.calls.get("d1"), "d1 was used recently and stayed");
        cache.forDevice("d2");
        assertEquals(2, source.calls.get("d2"), "d2 made room for d3");
    }
}
