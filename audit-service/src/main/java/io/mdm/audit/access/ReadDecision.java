package io.mdm.audit.access;

import java.time.Instant;
import java.util.Objects;

/** The answer to one {@code AuthorizeRead} call, before the audit record is appended. */
public sealed interface ReadDecision {

    /**
     * The read may proceed, once the adapter has consumed one read and appended the audit record.
     *
     * @param remainingReadsAfterThisRead reads left once this one is counted
     * @param validUntil                  when the grant stops working
     */
    record Allowed(int remainingReadsAfterThisRead, Instant validUntil) implements ReadDecision {
        public Allowed {
            Objects.requireNonNull(validUntil, "validUntil");
        }
    }

    /**
     * The read is refused; nothing of the grant is consumed.
     *
     * @param reason  the machine-readable reason
     * @param message a sentence safe to log and to show to the officer
     */
    record Denied(DenialReason reason, String message) implements ReadDecision {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
