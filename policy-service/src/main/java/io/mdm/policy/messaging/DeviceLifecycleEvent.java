package io.mdm.policy.messaging;

import io.mdm.policy.Device;

import java.time.Instant;
import java.util.Objects;

/**
 * An enrolled or unenrolled event of {@code mdm.device.v1}, read: its CloudEvents id (what
 * duplicates share), its time, and the account of the device it gives.
 *
 * @param time null when the producer gave none
 */
public record DeviceLifecycleEvent(String id, Instant time, Device device) {

    public DeviceLifecycleEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
    }
}
