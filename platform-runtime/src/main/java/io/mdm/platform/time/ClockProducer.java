package io.mdm.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * The system clock in UTC; tests replace it with a bean of their own to move time.
 *
 * <p>{@code mdm.clock.offset} runs a whole process ahead of real time, so that the end-to-end
 * tests and {@code ./mdm demo} can show what happens days later (a grant that expired, a delayed
 * notification that came due) with packaged applications. Only forward: a clock set back could
 * keep a grant alive or a notification hidden for longer than approved, so a negative offset
 * stops the start-up.
 */
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @DefaultBean
    @Singleton
    Clock clock(@ConfigProperty(name = "mdm.clock.offset", defaultValue = "PT0S") Duration offset) {
        if (offset.isNegative()) {
            throw new IllegalStateException("mdm.clock.offset must not be negative (it was " + offset + ")");
        }
        if (offset.isZero()) {
            return Clock.systemUTC();
        }
        LOG.warnf("mdm.clock.offset is set: this service's clock runs %s ahead of real time", offset);
        return Clock.offset(Clock.systemUTC(), offset);
    }
}
