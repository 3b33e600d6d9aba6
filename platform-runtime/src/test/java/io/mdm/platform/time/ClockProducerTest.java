package io.mdm.platform.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockProducerTest {

    @Test
    void withoutAnOffsetTheClockIsRealTime() {
        Instant before = Instant.now();
        Instant read = new ClockProducer().clock(Duration.ZERO).instant();
        assertTrue(!read.isBefore(before) && !read.isAfter(Instant.now()), "read " + read + " after " + before);
    }

    @Test
    void anOffsetRunsTheClockThatFarAhead() {
        Clock clock = new ClockProducer().clock(Duration.ofDays(15));
        Instant before = Instant.now().plus(Duration.ofDays(15));
        Instant read = clock.instant();
        assertTrue(!read.isBefore(before) && !read.isAfter(Instant.now().plus(Duration.ofDays(15))),
                "read " + read + ", expected 15 days after " + before.minus(Duration.ofDays(15)));
        assertEquals("Z", clock.getZone().getId());
    }

    @Test
    void aNegativeOffsetIsRefused() {
        assertThrows(IllegalStateException.class, () -> new ClockProducer().clock(Duration.ofHours(-1)));
    }
}
