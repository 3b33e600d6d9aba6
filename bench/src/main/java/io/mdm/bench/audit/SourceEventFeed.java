package io.mdm.bench.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.CloudEvent;
import io.mdm.contracts.events.DeviceEvents.CommandAcknowledged;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Source events for the audit log, sent to {@code mdm.device.v1} the way the enrollment-service's
 * outbox relay sends them (structured CloudEvents, idempotent producer, acks=all, keyed by device
 * id). They are {@code mdm.device.command-acknowledged} events: a real event type that the
 * audit-service appends and that the other consumers of the topic (policy-service,
 * backup-service) skip, so the benchmark changes nothing but the audit log. Their source is
 * {@value #SOURCE} and their ids {@code bench-<run>-<n>}, so their records are easy to tell apart.
 */
public final class SourceEventFeed implements AutoCloseable {

    static final String SOURCE = "/mdm/bench";
    /** The backup benchmark's employee: the synthetic events concern no real person. */
    private static final String EMPLOYEE_ID = "bench-employee";
    /** Keys spread the events over the topic's partitions, as many phones would. */
    private static final int DEVICES = 64;

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;
    private final String runId;
    private long sent;

    public SourceEventFeed(String bootstrapServers, ObjectMapper json, String runId) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-audit-feed"), new StringSerializer(), new StringSerializer());
        this.json = json;
        this.runId = runId;
    }

    /** The next {@code count} events, serialized, with their ids; built before the clock starts. */
    public List<Outgoing> prepare(int count) {
        List<Outgoing> events = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            long n = sent++;
            String id = "bench-" + runId + "-" + n;
            String deviceId = "bench-device-" + runId + "-" + (n % DEVICES);
            CloudEvent<CommandAcknowledged> event = CloudEvent.of(id, SOURCE, EventTypes.DEVICE_COMMAND_ACKNOWLEDGED,
                    now, deviceId, new CommandAcknowledged(deviceId, EMPLOYEE_ID, UUID.randomUUID().toString(), "WIPE",
                            "DONE", now));
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DEVICE, deviceId, serialized(event));
            record.headers().add(new RecordHeader("content-type",
                    CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
            events.add(new Outgoing(id, record));
        }
        return events;
    }

    /**
     * Sends the events as fast as the producer takes them and returns once the broker acknowledged
     * all of them.
     *
     * @throws IllegalStateException when the broker refused one
     */
    public void send(List<Outgoing> events) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (Outgoing event : events) {
            producer.send(event.record(), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("an event was not sent: " + failure.get().getMessage(), failure.get());
        }
    }

    private String serialized(CloudEvent<?> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event.id(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** An event ready to send, with its CloudEvents id. */
    public record Outgoing(String id, ProducerRecord<String, String> record) {
    }
}
