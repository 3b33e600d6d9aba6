package io.mdm.contracts.events;

import java.time.Instant;

/** Payloads of topic {@code mdm.device.v1}. None carries a token, a secret or a hash of one. */
public final class DeviceEvents {

    private DeviceEvents() {
    }

    public record DeviceEnrolled(String deviceId, String employeeId, String ownership, String platform,
                                 String osVersion, String model, int noticeVersion, Instant enrolledAt) {
    }

    public record DeviceUnenrolled(String deviceId, String employeeId, String ownership, String unenrolledBy,
                                   Instant unenrolledAt) {
    }

    public record WipeRequested(String deviceId, String employeeId, String commandId, String scope,
                                String requestedBy, Instant requestedAt) {
    }

    public record CommandAcknowledged(String deviceId, String employeeId, String commandId, String type,
                                      String result, Instant acknowledgedAt) {
    }

    public record PrivacyNoticePublished(String ownership, int version, String publishedBy, Instant publishedAt) {
    }
}
