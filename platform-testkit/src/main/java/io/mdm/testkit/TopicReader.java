package io.mdm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads CloudEvents from a real topic the way an outside consumer (a SIEM, another service)
 * would: its own consumer group, from the beginning of the topic.
 */
public final class TopicReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Event(String key, JsonNode cloudEvent, String contentType) {
        public String type() {
            return cloudEvent.path("type").asText();
        }

        public JsonNode data() {
            return cloudEvent.path("data");
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Event> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Reads until an event matching {@code wanted} arrives, and returns it; fails after {@code timeout}. */
    public Event await(Predicate<Event> wanted, Duration timeout) {
        int checked = 0;
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            // Every record of a poll is kept before searching: the consumer's position is past them all.
            for (; checked < seen.size(); checked++) {
                if (wanted.test(seen.get(checked))) {
                    return seen.get(checked);
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("no matching event within " + timeout + "; seen: " + seen);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                seen.add(parse(record));
            }
        }
    }

    /** Every event read so far. */
    public List<Event> seen() {
        return List.copyOf(seen);
    }

    private static Event parse(ConsumerRecord<String, String> record) {
        try {
            var header = record.headers().lastHeader("content-type");
            return new Event(record.key(), JSON.readTree(record.value()),
                    header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON on the topic: " + record.value(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
