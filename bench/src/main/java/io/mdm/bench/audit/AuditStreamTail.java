package io.mdm.bench.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code mdm.audit.v1} from the offsets it ends at when the tail is opened, so it sees
 * only what is appended from then on, and tells when every record of a set of source events has
 * come out. Records are matched by the source event's id, which the audit-service carries in the
 * record's {@code data.eventId} (docs/audit-log.md). The stream is delivered at least once, so
 * the same record (same seq) seen twice is a redelivery; two records (two seqs) for one event
 * would be a duplicate in the log itself.
 */
public final class AuditStreamTail implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper json;
    private final List<TopicPartition> partitions;

    /** Everything seen so far, about the expected events and about the stream. */
    public record Observation(int expected, int seen, int duplicatedInLog, int redeliveries, long firstSeenNanos,
                              long lastSeenNanos, Instant lastAppendedAt, long highestSeq) {

        public int missing() {
            return expected - seen;
        }
    }

    public AuditStreamTail(String bootstrapServers, ObjectMapper json) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-audit-tail",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), new StringDeserializer(), new StringDeserializer());
        this.json = json;
        this.partitions = consumer.partitionsFor(Topics.AUDIT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolves the end offsets now, before anything is produced.
        partitions.forEach(consumer::position);
    }

    /** The sum of the topic's end offsets: it stops moving once the audit-service has published everything. */
    public long endOffsetSum() {
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Polls until every one of {@code expectedIds} was seen, then for {@code settle} more (late
     * duplicates), or until nothing of ours came for {@code idleTimeout}.
     */
    public Observation await(Set<String> expectedIds, Duration idleTimeout, Duration settle) {
        Map<String, Set<Long>> seqsById = new HashMap<>();
        int redeliveries = 0;
        long firstSeen = 0;
        long lastSeen = 0;
        long lastProgress = System.nanoTime();
        long highestSeq = -1;
        Instant lastAppendedAt = null;
        long settleUntil = Long.MAX_VALUE;
        while (System.nanoTime() < settleUntil && System.nanoTime() - lastProgress < idleTimeout.toNanos()) {
            for (ConsumerRecord<String, String> message : consumer.poll(POLL)) {
                JsonNode event = parse(message.value());
                if (!EventTypes.AUDIT_RECORD.equals(event.path("type").asText())) {
                    continue;
                }
                JsonNode record = event.path("data");
                long seq = record.path("seq").asLong(-1);
                highestSeq = Math.max(highestSeq, seq);
                String eventId = record.path("data").path("eventId").asText(null);
                if (eventId == null || !expectedIds.contains(eventId)) {
                    continue;
                }
                long now = System.nanoTime();
                lastProgress = now;
                Set<Long> seqs = seqsById.computeIfAbsent(eventId, id -> new HashSet<>());
                if (!seqs.add(seq)) {
                    redeliveries++;
                    continue;
                }
                if (seqs.size() == 1) {
                    firstSeen = firstSeen == 0 ? now : firstSeen;
                    lastSeen = now;
                    Instant appendedAt = Instant.parse(record.path("time").asText());
                    lastAppendedAt = lastAppendedAt == null || appendedAt.isAfter(lastAppendedAt) ? appendedAt
                            : lastAppendedAt;
                    if (seqsById.size() == expectedIds.size()) {
                        settleUntil = now + settle.toNanos();
                    }
                }
            }
        }
        int duplicated = (int) seqsById.values().stream().filter(seqs -> seqs.size() > 1).count();
        return new Observation(expectedIds.size(), seqsById.size(), duplicated, redeliveries, firstSeen, lastSeen,
                lastAppendedAt, highestSeq);
    }

    private JsonNode parse(String value) {
        try {
            return value == null ? json.missingNode() : json.readTree(value);
        } catch (JsonProcessingException e) {
            return json.missingNode();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
