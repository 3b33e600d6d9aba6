package io.mdm.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The configurable part of the four-eyes rule ({@code mdm.access.*}); {@link AccessRulesProducer}
 * turns it into the domain's {@link io.mdm.audit.access.AccessRules} and refuses bad values at start-up.
 */
@ConfigMapping(prefix = "mdm.access")
public interface AccessConfig {

    /** {@code mdm.access.required-approvers}: distinct privacy officers needed to approve a request (1..5). */
    @WithDefault("1")
    int requiredApprovers();

    /** {@code mdm.access.decide-within}: how long a request waits for its decision before it expires. */
    @WithDefault("P7D")
    Duration decideWithin();

    /** {@code mdm.access.max-notification-delay-days}: the longest an approver may delay the subject's notice (0..30). */
    @WithDefault("30")
    int maxNotificationDelayDays();
}
