package io.mdm.policy.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.events.DeviceEvents.DeviceEnrolled;
import io.mdm.contracts.events.DeviceEvents.DeviceUnenrolled;
import io.mdm.policy.Device;
import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.Platform;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads structured-mode CloudEvents (JSON) of {@code mdm.device.v1}. Only enrolled and unenrolled
 * events say anything about a device's lifecycle; every other type is skipped. Payloads are read
 * tolerantly: a field a newer enrollment-service adds is ignored, not a reason to drop the event.
 */
@ApplicationScoped
public class DeviceEventReader {

    private final ObjectMapper json;
    private final ObjectReader enrolled;
    private final ObjectReader unenrolled;

    public DeviceEventReader(ObjectMapper json) {
        this.json = json;
        this.enrolled = json.readerFor(DeviceEnrolled.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.unenrolled = json.readerFor(DeviceUnenrolled.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The lifecycle event in {@code cloudEvent}, or empty for an event of another type.
     *
     * @throws UnreadableEventException when an enrolled or unenrolled event lacks what it must carry
     */
    public Optional<DeviceLifecycleEvent> read(String cloudEvent) {
        if (cloudEvent == null) {
            throw new UnreadableEventException("an empty record");
        }
        JsonNode event;
        try {
            event = json.readTree(cloudEvent);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not JSON");
        }
        if (!event.isObject()) {
            throw new UnreadableEventException("not a JSON object");
        }
        String type = event.path("type").asText("");
        if (!type.equals(EventTypes.DEVICE_ENROLLED) && !type.equals(EventTypes.DEVICE_UNENROLLED)) {
            return Optional.empty();
        }
        String id = event.path("id").asText("");
        if (id.isBlank()) {
            throw new UnreadableEventException(type + " event without id");
        }
        JsonNode data = event.path("data");
        if (!data.isObject()) {
            throw new UnreadableEventException(type + " event " + id + " without data");
        }
        Device device = type.equals(EventTypes.DEVICE_ENROLLED) ? enrolledDevice(id, data) : unenrolledDevice(id, data);
        return Optional.of(new DeviceLifecycleEvent(id, time(id, event), device));
    }

    private Device enrolledDevice(String id, JsonNode data) {
        DeviceEnrolled payload = payload(enrolled, id, data);
        return new Device(deviceId(id, payload.deviceId()), employeeId(id, payload.employeeId()),
                ownership(id, payload.ownership()), platform(id, payload.platform()), Device.Status.ACTIVE,
                payload.enrolledAt(), null);
    }

    private Device unenrolledDevice(String id, JsonNode data) {
        DeviceUnenrolled payload = payload(unenrolled, id, data);
        return new Device(deviceId(id, payload.deviceId()), employeeId(id, payload.employeeId()),
                ownership(id, payload.ownership()), null, Device.Status.RETIRED, null, payload.unenrolledAt());
    }

    private static <T> T payload(ObjectReader reader, String id, JsonNode data) {
        try {
            return reader.readValue(data);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableEventException("event " + id + " has a malformed payload");
        }
    }

    private static Instant time(String id, JsonNode event) {
        JsonNode time = event.path("time");
        if (time.isMissingNode() || time.isNull()) {
            return null;
        }
        try {
            return Instant.parse(time.asText());
        } catch (DateTimeParseException e) {
            throw new UnreadableEventException("event " + id + " has a malformed time");
        }
    }

    private static String deviceId(String id, String deviceId) {
        if (!Device.isWellFormedId(deviceId)) {
            throw new UnreadableEventException("event " + id + " has no well-formed deviceId");
        }
        return deviceId;
    }

    private static String employeeId(String id, String employeeId) {
        if (employeeId == null || employeeId.isBlank()) {
            throw new UnreadableEventException("event " + id + " has no employeeId");
        }
        return employeeId;
    }

    private static Ownership ownership(String id, String ownership) {
        try {
            return Ownership.valueOf(String.valueOf(ownership));
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("event " + id + " has an unknown ownership");
        }
    }

    private static Platform platform(String id, String platform) {
        try {
            return Platform.valueOf(String.valueOf(platform));
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("event " + id + " has an unknown platform");
        }
    }
}
