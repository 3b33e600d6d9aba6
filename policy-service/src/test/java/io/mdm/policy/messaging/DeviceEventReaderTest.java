package io.mdm.policy.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.events.CloudEvent;
import io.mdm.contracts.events.DeviceEvents.DeviceEnrolled;
import io.mdm.contracts.events.DeviceEvents.DeviceUnenrolled;
import io.mdm.contracts.events.DeviceEvents.PrivacyNoticePublished;
import io.mdm.policy.Device;
import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceEventReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00.123Z");

    private final DeviceEventReader reader = new DeviceEventReader(JSON);

    private static String event(String type, Object data) throws Exception {
        return JSON.writeValueAsString(CloudEvent.of("event-1", "/mdm/enrollment-service", type, AT, "d1", data));
    }

    @Test
    void anEnrolledEventGivesAnActiveDeviceWithItsFacts() throws Exception {
        String json = event(EventTypes.DEVICE_ENROLLED,
                new DeviceEnrolled("d1", "E1001", "BYOD", "IOS", "17.4", "iPhone 15", 2, AT));

        DeviceLifecycleEvent read = reader.read(json).orElseThrow();

        assertEquals(new DeviceLifecycleEvent("event-1", AT,
                new Device("d1", "E1001", Ownership.BYOD, Platform.IOS, Device.Status.ACTIVE, AT, null)), read);
    }

    @Test
    void anUnenrolledEventGivesARetiredDeviceWithoutPlatform() throws Exception {
        String json = event(EventTypes.DEVICE_UNENROLLED, new DeviceUnenrolled("d1", "E1001", "CORPORATE", "alice", AT));

        assertEquals(new Device("d1", "E1001", Ownership.CORPORATE, null, Device.Status.RETIRED, null, AT),
                reader.read(json).orElseThrow().device());
    }

    @Test
    void fieldsANewerProducerAddsAreIgnored() throws Exception {
        String json = event(EventTypes.DEVICE_ENROLLED,
                new DeviceEnrolled("d1", "E1001", "BYOD", "ANDROID", "14", "Pixel", 1, AT))
                .replace("\"model\":", "\"securityPatch\":\"2026-02\",\"model\":");

        assertEquals(Platform.ANDROID, reader.read(json).orElseThrow().device().platform());
    }

    @Test
    void otherEventTypesAreSkipped() throws Exception {
        String json = event(EventTypes.PRIVACY_NOTICE_PUBLISHED, new PrivacyNoticePublished("BYOD", 3, "alice", AT));

        assertEquals(Optional.empty(), reader.read(json));
    }

    @Test
    void anEventWithoutTimeIsRead() throws Exception {
        String json = JSON.writeValueAsString(CloudEvent.of("event-2", "/x", EventTypes.DEVICE_UNENROLLED, null, "d1",
                new DeviceUnenrolled("d1", "E1001", "BYOD", "erin", AT)));

        assertEquals(null, reader.read(json).orElseThrow().time());
    }

    @Test
    void unreadableLifecycleEventsAreRefusedWithoutEchoingTheirValues() throws Exception {
        String unknownOwnership = event(EventTypes.DEVICE_ENROLLED,
                new DeviceEnrolled("d1", "E1001", "FAMILY", "IOS", "17", "iPhone", 1, AT));
        String withoutDevice = event(EventTypes.DEVICE_UNENROLLED, new DeviceUnenrolled(null, "E1001", "BYOD", "x", AT));
        String withoutEmployee = event(EventTypes.DEVICE_ENROLLED,
                new DeviceEnrolled("d1", null, "BYOD", "IOS", "17", "iPhone", 1, AT));
        String withoutId = event(EventTypes.DEVICE_ENROLLED,
                new DeviceEnrolled("d1", "E1001", "BYOD", "IOS", "17", "iPhone", 1, AT)).replace("\"event-1\"", "\"\"");

        for (String json : new String[] {unknownOwnership, withoutDevice, withoutEmployee, withoutId, "[]", "{oops"}) {
            UnreadableEventException refused = assertThrows(UnreadableEventException.class, () -> reader.read(json), json);
            assertTrue(!refused.getMessage().contains("FAMILY") && !refused.getMessage().contains("E1001"),
                    refused.getMessage());
        }
        assertThrows(UnreadableEventException.class, () -> reader.read(null));
    }
}
