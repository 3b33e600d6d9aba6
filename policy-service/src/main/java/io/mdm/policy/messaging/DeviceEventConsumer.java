package io.mdm.policy.messaging;

import io.mdm.contracts.Topics;
import io.mdm.policy.persistence.DeviceRepository;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Keeps the device read model current from the enrollment-service's {@code mdm.device.v1}
 * events (consumer group {@code policy-service}, see application.properties).
 *
 * <p>SmallRye Reactive Messaging hands over each poll as one batch ({@code batch=true}) on a worker
 * thread, records in partition order, and commits the batch's offsets only after it was handled:
 * most events on the topic are of types this service skips, and one dispatch per record cost more
 * than reading them. Delivery is at least once, and
 * {@link DeviceRepository#apply} drops what was delivered twice. An unreadable event cannot
 * become readable by retrying, so it is logged and skipped. A failing database write fails the
 * channel instead: the record stays uncommitted, the health check reports the failure, and after a
 * restart consumption resumes at that record, so no event is lost.
 */
@ApplicationScoped
public class DeviceEventConsumer {

    /** The channel of {@code mdm.device.v1} in application.properties. */
    public static final String CHANNEL = "device-events";

    private static final Logger LOG = Logger.getLogger(DeviceEventConsumer.class);

    private final DeviceEventReader reader;
    private final DeviceRepository devices;

    public DeviceEventConsumer(DeviceEventReader reader, DeviceRepository devices) {
        this.reader = reader;
        this.devices = devices;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(List<String> cloudEvents) {
        cloudEvents.forEach(this::apply);
    }

    private void apply(String cloudEvent) {
        try {
            reader.read(cloudEvent).ifPresent(event -> {
                if (devices.apply(event.id(), event.time(), event.device()) == DeviceRepository.EventOutcome.DUPLICATE) {
                    LOG.debugf("Event %s was applied before; skipped", event.id());
                }
            });
        } catch (UnreadableEventException e) {
            LOG.warnf("Skipped an unreadable event of %s: %s", Topics.DEVICE, e.getMessage());
        }
    }
}
