package io.mdm.backup.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.backup.persistence.RetiredDeviceRepository;
import io.mdm.contracts.EventTypes;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Learns from {@code mdm.device.v1} which devices were retired, so that their still-valid tokens
 * upload nothing more. One consumer group for the service: the retirements are stored, and every
 * replica reads them from MongoDB.
 */
@ApplicationScoped
public class DeviceRetirementConsumer {

    static final String CHANNEL = "device-events";

    private static final Logger LOG = Logger.getLogger(DeviceRetirementConsumer.class);

    private final RetiredDeviceRepository retiredDevices;
    private final ObjectMapper json;
    private final Clock clock;

    public DeviceRetirementConsumer(RetiredDeviceRepository retiredDevices, ObjectMapper json, Clock clock) {
        this.retiredDevices = retiredDevices;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One poll at a time ({@code batch=true}): almost every event on the topic is of a type skipped
     * here, and one dispatch per record cost more than reading it. A failed write fails the batch,
     * which is then read again (at least once); the write is idempotent.
     */
    @Incoming(CHANNEL)
    @Blocking
    public void onDeviceEvents(List<String> values) {
        values.forEach(this::onDeviceEvent);
    }

    private void onDeviceEvent(String value) {
        Optional<IncomingEvent> event = IncomingEvent.parse(json, value);
        if (event.isEmpty()) {
            LOG.warn("Skipped a record on mdm.device.v1 that is not a CloudEvent");
            return;
        }
        if (!event.get().type().equals(EventTypes.DEVICE_UNENROLLED)) {
            return;
        }
        JsonNode data = event.get().data();
        String deviceId = data.path("deviceId").asText("");
        if (deviceId.isEmpty()) {
            LOG.warnf("Skipped unenrolled event %s without a device id", event.get().id());
            return;
        }
        retiredDevices.recordRetirement(deviceId, data.path("employeeId").asText(null),
                retiredAt(data.path("unenrolledAt").asText("")), event.get().id());
    }

    private Instant retiredAt(String unenrolledAt) {
        try {
            return Instant.parse(unenrolledAt);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }
}
