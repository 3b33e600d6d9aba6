package io.mdm.backup;

import java.time.Instant;

/** A hold is released once; releasing it again is a conflict with its state, not a no-op. */
public class LegalHoldAlreadyReleasedException extends RuntimeException {

    private final String holdId;
    private final Instant releasedAt;

    public LegalHoldAlreadyReleasedException(String holdId, Instant releasedAt) {
        super("legal hold " + holdId + " is already released", null, false, false);
        this.holdId = holdId;
        this.releasedAt = releasedAt;
    }

    public String holdId() {
        return holdId;
    }

    /** When the earlier release happened. */
    public Instant releasedAt() {
        return releasedAt;
    }
}
