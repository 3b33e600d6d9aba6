package io.mdm.e2e;

import java.time.Duration;

/**
 * What happens to the platform between the story's scenes. The demo lets it run; the
 * end-to-end test uses these moments to kill and restart parts of it.
 */
public interface Interludes {

    /** Erin's phone is enrolled; its events are on their way. */
    default void afterEnrollment() {
    }

    /** The phone has synced its chats and deletions through REST. */
    default void afterPhoneSync() {
    }

    /** Carol placed the legal hold. */
    default void afterLegalHold() {
    }

    /** Carol has read once; she is about to read again. */
    default void beforeReadingAgain() {
    }

    /**
     * Moves the audit-service's clock forward, so that what happens later (a grant
     * that expires, a delayed notification that comes due) can be seen without waiting.
     */
    void moveAuditClockForward(Duration by);
}
