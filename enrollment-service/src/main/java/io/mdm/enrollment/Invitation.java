package io.mdm.enrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An invitation to enroll one phone for one employee. Single use, expiring, revocable; only the
 * hash of its token is kept.
 */
public record Invitation(String id, String employeeId, Ownership ownership, String tokenHash, Instant createdAt,
                         Instant expiresAt, String createdBy, Status status, Instant usedAt, String deviceId,
                         Instant revokedAt, String revokedBy) {

    public static final int DEFAULT_VALID_HOURS = 72;
    public static final int MAX_VALID_HOURS = 720;

    /** Stored states; EXPIRED is derived from the clock, never stored. */
    public enum Status { PENDING, USED, REVOKED, EXPIRED }

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(tokenHash, "tokenHash");
    }

    public static Invitation issue(String id, String employeeId, Ownership ownership, String tokenHash,
                                   int validHours, Instant now, String createdBy) {
        if (validHours < 1 || validHours > MAX_VALID_HOURS) {
            throw new IllegalArgumentException("validHours must be 1.." + MAX_VALID_HOURS);
        }
        return new Invitation(id, employeeId, ownership, tokenHash, now, now.plus(Duration.ofHours(validHours)),
                createdBy, Status.PENDING, null, null, null, null);
    }

    /** The state at {@code now}: a pending invitation past its expiry is EXPIRED. */
    public Status statusAt(Instant now) {
        return status == Status.PENDING && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
    }

    public boolean usableAt(Instant now) {
        return statusAt(now) == Status.PENDING;
    }
}
