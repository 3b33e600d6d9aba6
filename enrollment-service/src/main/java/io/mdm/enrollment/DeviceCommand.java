package io.mdm.enrollment;

import java.time.Instant;
import java.util.Objects;

/** A command queued for a phone (today: a wipe), which the phone fetches and acknowledges. */
public record DeviceCommand(String id, Type type, WipeScope scope, String reason, String requestedBy,
                            Instant requestedAt, Status status, Instant acknowledgedAt, String detail) {

    public enum Type { WIPE }

    public enum Status { PENDING, DONE, FAILED }

    public DeviceCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    public static DeviceCommand wipe(String id, WipeScope scope, String reason, String requestedBy, Instant at) {
        return new DeviceCommand(id, Type.WIPE, scope, reason, requestedBy, at, Status.PENDING, null, null);
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }

    /** The phone's answer; a command is acknowledged once. */
    public DeviceCommand acknowledge(Status result, String detail, Instant at) {
        if (result == Status.PENDING) {
            throw new IllegalArgumentException("an acknowledgement is DONE or FAILED");
        }
        if (!isPending()) {
            throw new IllegalStateException("command " + id + " was already acknowledged");
        }
        return new DeviceCommand(id, type, scope, reason, requestedBy, requestedAt, result, at, detail);
    }
}
