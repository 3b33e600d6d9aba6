package io.mdm.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.contracts.events.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The transactional outbox without multi-document transactions: a state change and the events
 * it causes are written in ONE document update, as entries of the document's {@code outbox}
 * array. {@link OutboxRelay} publishes them to Kafka and removes them. If Kafka is down the
 * entries wait; nothing is lost, and a crash between publish and removal only repeats an
 * event, which consumers drop by its id.
 */
@ApplicationScoped
public class Outbox {

    public static final String FIELD = "outbox";

    private final ObjectMapper json;
    private final EventsConfig config;
    private final Clock clock;

    public Outbox(ObjectMapper json, EventsConfig config, Clock clock) {
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** An outbox entry for {@code data} on {@code topic}, keyed (and ordered) by {@code key}. */
    public Document entry(String topic, String key, String type, String subject, Object data) {
        String id = UUID.randomUUID().toString();
        CloudEvent<Object> event = CloudEvent.of(id, config.source(), type, Instant.now(clock), subject, data);
        try {
            return new Document("id", id)
                    .append("topic", topic)
                    .append("key", key)
                    .append("type", type)
                    .append("event", json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + type + " cannot be serialized", e);
        }
    }
}
