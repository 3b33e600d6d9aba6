package io.mdm.policy;

import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.Platform;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the policy-service knows of a phone: the enrollment-service's facts about it, learned from
 * its lifecycle events ({@code mdm.device.v1}) or, for a device no event has told about yet, from
 * its device directory.
 *
 * <p>Accounts of a device arrive more than once and in any order (redelivered events, a late
 * enrolled event after the unenrolled one, a directory answer racing an event), so they are
 * combined with {@link #combinedWith}, which does not depend on their order: RETIRED is final
 * (the enrollment-service never re-activates a device id; a phone that enrolls again gets a new
 * id), and facts that one account lacks (the unenrolled event carries no platform) are taken
 * from another. Event times therefore never decide the status; they are only kept for
 * diagnosis.
 *
 * @param platform null only for a retired device known from its unenrolled event alone
 * @param enrolledAt null while unknown (same)
 * @param retiredAt null while active, and for a retired device the directory described
 */
public record Device(String id, String employeeId, Ownership ownership, Platform platform, Status status,
                     Instant enrolledAt, Instant retiredAt) {

    public enum Status {
        ACTIVE,
        /** Unenrolled for good; its policy stays readable, it reports no compliance any more. */
        RETIRED
    }

    /** Server-issued ids (UUIDs today); anything else is no device of ours. */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(status, "status");
        if (status == Status.ACTIVE && platform == null) {
            throw new IllegalArgumentException("an active device has a platform: " + id);
        }
    }

    /** Whether {@code id} could be a device id at all; others are refused before any lookup. */
    public static boolean isWellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public boolean isRetired() {
        return status == Status.RETIRED;
    }

    public boolean belongsTo(String employee) {
        return employeeId.equals(employee);
    }

    /**
     * This account of the device combined with {@code other}: retired when either says so,
     * each missing fact filled from the other, the earliest enrolment and retirement times.
     * Employee and ownership never change for a device id; should two accounts disagree,
     * this one (the stored one) wins.
     */
    public Device combinedWith(Device other) {
        if (!id.equals(other.id)) {
            throw new IllegalArgumentException("accounts of two devices: " + id + ", " + other.id);
        }
        Status combined = isRetired() || other.isRetired() ? Status.RETIRED : Status.ACTIVE;
        return new Device(id, employeeId, ownership, platform != null ? platform : other.platform, combined,
                earliest(enrolledAt, other.enrolledAt), earliest(retiredAt, other.retiredAt));
    }

    private static Instant earliest(Instant left, Instant right) {
        if (left == null || right == null) {
            return left != null ? left : right;
        }
        return left.isBefore(right) ? left : right;
    }
}
