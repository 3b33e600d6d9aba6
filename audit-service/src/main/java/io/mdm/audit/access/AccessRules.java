package io.mdm.audit.access;

import java.time.Duration;

/**
 * The configurable part of the four-eyes rule. The adapter builds it from configuration at
 * start-up; an invalid value stops the service with the message of the exception.
 *
 * @param requiredApprovers        distinct privacy officers needed to approve a request (1..5)
 * @param decideWithin             how long a request waits for its decision before it expires
 * @param maxNotificationDelayDays the longest an approver may delay the subject's notification;
 *                                 never above {@value #NOTIFICATION_DELAY_CAP_DAYS} (product rule)
 */
public record AccessRules(int requiredApprovers, Duration decideWithin, int maxNotificationDelayDays) {

    /** The product's hard limit on delaying the subject's notification, whatever is configured. */
    public static final int NOTIFICATION_DELAY_CAP_DAYS = 30;

    public AccessRules {
        if (requiredApprovers < 1 || requiredApprovers > 5) {
            throw new IllegalArgumentException(
                    "requiredApprovers must be between 1 and 5, was " + requiredApprovers);
        }
        if (decideWithin == null || decideWithin.isZero() || decideWithin.isNegative()) {
            throw new IllegalArgumentException("decideWithin must be a positive duration, was " + decideWithin);
        }
        if (maxNotificationDelayDays < 0 || maxNotificationDelayDays > NOTIFICATION_DELAY_CAP_DAYS) {
            throw new IllegalArgumentException("maxNotificationDelayDays must be between 0 and "
                    + NOTIFICATION_DELAY_CAP_DAYS + ", was " + maxNotificationDelayDays);
        }
    }

    /** One approver, seven days to decide, a notification delay of at most 30 days. */
    public static AccessRules defaults() {
        return new AccessRules(1, Duration.ofDays(7), NOTIFICATION_DELAY_CAP_DAYS);
    }
}
