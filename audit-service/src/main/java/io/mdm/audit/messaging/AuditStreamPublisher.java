package io.mdm.audit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.AuditTimestamp;
import io.mdm.audit.log.Checkpoint;
import io.mdm.audit.log.service.AuditLogConfig;
import io.mdm.audit.log.store.AuditLogStore;
import io.mdm.audit.log.store.CheckpointStore;
import io.mdm.audit.log.store.StoredRecord;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.AuditEvents;
import io.mdm.contracts.events.CloudEvent;
import io.mdm.platform.events.EventsConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the audit log to {@code mdm.audit.v1}: every record in seq order, and every
 * checkpoint right after the last record it covers, all under one key so that one partition
 * keeps the order. Each round sends from the {@link StreamCursor} on and moves the cursor only
 * over what the broker acknowledged, so a Kafka outage delays the stream and loses or reorders
 * nothing.
 *
 * <p>Not the Outbox: the outbox relays each document's events on its own, while the stream must
 * follow the log's order across all records.
 *
 * <p>Delivery is at least once: a crash between the broker's acknowledgement and the cursor's
 * move, or a lease lost in between, sends some events again. They carry the same CloudEvents id
 * (seq and leaf hash, tree size and root), so consumers drop them by id or by seq.
 */
@ApplicationScoped
public class AuditStreamPublisher {

    static final String KEY = "audit-log";

    private static final Logger LOG = Logger.getLogger(AuditStreamPublisher.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int MAX_ROUNDS_PER_TICK = 20;
    private static final long ACK_TIMEOUT_SECONDS = 20;

    private final AuditLogStore store;
    private final CheckpointStore checkpoints;
    private final StreamCursor cursor;
    private final ObjectMapper json;
    private final String source;
    private final int batchSize;
    private final Clock clock;
    private final Map<String, Object> producerSettings;
    private KafkaProducer<String, String> producer;
    private volatile boolean brokerDown;

    public AuditStreamPublisher(AuditLogStore store, CheckpointStore checkpoints, MongoClient mongo,
                                @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                ObjectMapper json, EventsConfig events, AuditLogConfig config, Clock clock,
                                @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.cursor = new StreamCursor(mongo.getDatabase(database));
        this.json = json;
        this.source = events.source();
        this.batchSize = config.streamBatchSize();
        this.clock = clock;
        this.producerSettings = KafkaClientSettings.producer(kafka, "audit-stream");
    }

    @Scheduled(every = "${mdm.audit.stream-interval:200ms}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishPending() {
        try {
            // A backlog drains round after round instead of one batch per tick; the bound lets
            // the scheduler's other jobs and the other replicas' lease checks have their turn.
            int rounds = 0;
            int published;
            do {
                published = publishRound();
                rounds++;
            } while (published == batchSize && rounds < MAX_ROUNDS_PER_TICK);
            if (brokerDown) {
                LOG.info("Kafka is reachable again; the audit stream catches up");
                brokerDown = false;
            }
        } catch (RuntimeException e) {
            if (!brokerDown) {
                LOG.warnf("The audit stream waits until Kafka is reachable: %s", e.getClass().getSimpleName());
                brokerDown = true;
            }
        }
    }

    /**
     * Publishes what the cursor has not passed yet, up to the batch size.
     *
     * @return how many records went out (0 when another replica holds the lease)
     * @throws IllegalStateException when an event was not acknowledged; the cursor then stands
     *                               after the last acknowledged one
     */
    int publishRound() {
        if (!cursor.lease(clock.instant(), LEASE)) {
            return 0;
        }
        StreamCursor.Position from = cursor.position();
        List<StoredRecord> records = store.range(from.nextSeq(), store.head().size(), batchSize);
        long upTo = records.isEmpty() ? from.nextSeq() : records.getLast().seq() + 1;
        List<Checkpoint> signed = checkpoints.between(from.checkpointTreeSize(), upTo);
        List<Outgoing> outgoing = inStreamOrder(from, records, signed);
        if (outgoing.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(outgoing.size());
        RuntimeException failure = null;
        try {
            KafkaProducer<String, String> current = producer();
            for (Outgoing event : outgoing) {
                Future<RecordMetadata> send = current.send(event.record());
                sent.add(send);
                // A send that failed at once (no metadata while the broker is away) must stop the
                // round: a later event that got through would overtake it on the topic.
                if (send.isDone() && failed(send)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        StreamCursor.Position reached = from;
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                reached = outgoing.get(i).after();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while publishing the audit stream", e);
                break;
            } catch (ExecutionException | TimeoutException e) {
                failure = new IllegalStateException("audit stream event not acknowledged", e);
                break;
            }
        }
        if (!reached.equals(from)) {
            cursor.advance(reached);
        }
        if (failure != null || !reached.equals(outgoing.getLast().after())) {
            discardProducer();
        }
        if (failure != null) {
            throw failure instanceof IllegalStateException state ? state
                    : new IllegalStateException("audit stream event not sent", failure);
        }
        return records.size();
    }

    /**
     * Records in seq order; each checkpoint right after the last record it covers, or first when
     * it was signed after those records had already gone out.
     */
    private List<Outgoing> inStreamOrder(StreamCursor.Position from, List<StoredRecord> records, List<Checkpoint> signed) {
        List<Outgoing> outgoing = new ArrayList<>(records.size() + signed.size());
        long nextSeq = from.nextSeq();
        long checkpointTreeSize = from.checkpointTreeSize();
        int c = 0;
        while (c < signed.size() && signed.get(c).treeSize() <= nextSeq) {
            checkpointTreeSize = signed.get(c).treeSize();
            outgoing.add(new Outgoing(checkpointEvent(signed.get(c)), new StreamCursor.Position(nextSeq, checkpointTreeSize)));
            c++;
        }
        for (StoredRecord stored : records) {
            nextSeq = stored.seq() + 1;
            outgoing.add(new Outgoing(recordEvent(stored), new StreamCursor.Position(nextSeq, checkpointTreeSize)));
            while (c < signed.size() && signed.get(c).treeSize() <= nextSeq) {
                checkpointTreeSize = signed.get(c).treeSize();
                outgoing.add(new Outgoing(checkpointEvent(signed.get(c)),
                        new StreamCursor.Position(nextSeq, checkpointTreeSize)));
                c++;
            }
        }
        return outgoing;
    }

    private ProducerRecord<String, String> recordEvent(StoredRecord stored) {
        AuditRecord record = stored.record();
        AuditEvents.AuditRecordPublished data = new AuditEvents.AuditRecordPublished(record.seq(),
                AuditTimestamp.format(record.time()), record.type(), record.actor(), record.subjectEmployeeId(),
                json.convertValue(record.data(), new TypeReference<Map<String, Object>>() { }),
                stored.storedHashBase64());
        String id = "record-" + record.seq() + "-" + shortHex(stored.storedHash());
        return event(CloudEvent.of(id, source, EventTypes.AUDIT_RECORD, record.time(), Long.toString(record.seq()), data));
    }

    private ProducerRecord<String, String> checkpointEvent(Checkpoint checkpoint) {
        AuditEvents.CheckpointPublished data = new AuditEvents.CheckpointPublished(checkpoint.origin(),
                checkpoint.treeSize(), checkpoint.rootHashBase64(), AuditTimestamp.format(checkpoint.time()),
                checkpoint.keyId(), checkpoint.signatureBase64(), checkpoint.body());
        String id = "checkpoint-" + checkpoint.treeSize() + "-" + shortHex(checkpoint.rootHash());
        return event(CloudEvent.of(id, source, EventTypes.AUDIT_CHECKPOINT, checkpoint.time(),
                Long.toString(checkpoint.treeSize()), data));
    }

    private ProducerRecord<String, String> event(CloudEvent<?> event) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.AUDIT, KEY, json.writeValueAsString(event));
            record.headers().add(new RecordHeader("content-type",
                    CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit stream event " + event.id() + " cannot be serialized", e);
        }
    }

    /** The first 8 bytes in hex: beside the seq or tree size, it keeps a reset log from reusing ids. */
    private static String shortHex(byte[] hash) {
        return HexFormat.of().formatHex(hash, 0, 8);
    }

    /**
     * After a failure, events of this round may still wait in the producer; a new epoch of the
     * idempotent producer could send them after a gap. Closing without waiting drops them, and
     * the next round resends everything from the cursor with a new producer.
     */
    private synchronized void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private static boolean failed(Future<RecordMetadata> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** An event and where the cursor stands once the broker acknowledged it. */
    private record Outgoing(ProducerRecord<String, String> record, StreamCursor.Position after) {
    }
}
