package io.mdm.enrollment;

import java.time.Instant;
import java.util.Objects;

/**
 * A phone the platform issued an identity to. Its id is the server's, never a hardware id; its
 * secret is kept only as a hash.
 */
public record Device(String id, String employeeId, Ownership ownership, Platform platform, String osVersion,
                     String model, String agentVersion, Status status, Instant enrolledAt, int noticeVersion,
                     String secretHash, Instant retiredAt) {

    public enum Status { ACTIVE, RETIRED }

    public enum Platform { ANDROID, IOS }

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(status, "status");
    }

    /** The device after unenrollment: retired for good, with no further tokens. */
    public Device retire(Instant at) {
        if (!isActive()) {
            throw new IllegalStateException("device " + id + " is already retired");
        }
        return new Device(id, employeeId, ownership, platform, osVersion, model, agentVersion, Status.RETIRED,
                enrolledAt, noticeVersion, secretHash, at);
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    /** Who may read this device: an administrator or the employee it belongs to. */
    public boolean belongsTo(String employeeId) {
        return this.employeeId.equals(employeeId);
    }
}
