package io.mdm.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.CloudEvent;
import io.mdm.contracts.events.DeviceEvents.DeviceEnrolled;
import io.mdm.contracts.events.DeviceEvents.DeviceUnenrolled;
import io.mdm.contracts.events.DeviceEvents.WipeRequested;
import io.mdm.testkit.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays the enrollment-service on the real broker: CloudEvents on {@code mdm.device.v1}, keyed by
 * device id, in the structured JSON the platform's outbox relay produces.
 */
final class DeviceEventPublisher {

    static final String SOURCE = "/mdm/enrollment-service";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private DeviceEventPublisher() {
    }

    /** An enrolled event's JSON with a fresh id. */
    static String enrolled(String deviceId, String employeeId, String ownership, String platform, Instant at) {
        return cloudEvent(EventTypes.DEVICE_ENROLLED, deviceId, at,
                new DeviceEnrolled(deviceId, employeeId, ownership, platform, "14", "Pixel 8", 1, at));
    }

    static String unenrolled(String deviceId, String employeeId, String ownership, Instant at) {
        return cloudEvent(EventTypes.DEVICE_UNENROLLED, deviceId, at,
                new DeviceUnenrolled(deviceId, employeeId, ownership, "alice", at));
    }

    static String wipeRequested(String deviceId, String employeeId, Instant at) {
        return cloudEvent(EventTypes.DEVICE_WIPE_REQUESTED, deviceId, at,
                new WipeRequested(deviceId, employeeId, UUID.randomUUID().toString(), "WORK_DATA", "alice", at));
    }

    /** The same event with the id {@code id}, as a buggy or replaying producer might send it. */
    static String withId(String cloudEvent, String id) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> event = JSON.readValue(cloudEvent, Map.class);
            event.put("id", id);
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String idOf(String cloudEvent) {
        try {
            return JSON.readTree(cloudEvent).path("id").asText();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the record and waits until the broker has it. */
    static void publish(String deviceId, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DEVICE, deviceId, value);
        record.headers().add(new RecordHeader("content-type",
                CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("event not published", e);
        }
    }

    private static String cloudEvent(String type, String deviceId, Instant at, Object data) {
        try {
            return JSON.writeValueAsString(CloudEvent.of(UUID.randomUUID().toString(), SOURCE, type, at, deviceId, data));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
