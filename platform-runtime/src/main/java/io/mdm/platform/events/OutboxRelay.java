package io.mdm.platform.events;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.mdm.contracts.events.CloudEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Moves pending outbox entries to Kafka in order, then removes them from their document. Runs
 * on a worker thread, never on the event loop. A failed send leaves the entry for the next
 * round: events wait out a Kafka outage instead of being lost.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MongoClient mongo;
    private final String database;
    private final EventsConfig config;
    private final KafkaProducer<String, String> producer;
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    private volatile boolean brokerDown;

    public OutboxRelay(MongoClient mongo,
                       @ConfigProperty(name = "quarkus.mongodb.database") String database,
                       EventsConfig config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.mongo = mongo;
        this.database = database;
        this.config = config;
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig), new StringSerializer(), new StringSerializer());
    }

    private static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> props = new HashMap<>();
        // Quarkus hands over every kafka.* property; keep those a producer understands.
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return props;
    }

    @Scheduled(every = "${mdm.events.relay-interval:500ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void relay() {
        for (String collection : config.outboxCollections()) {
            try {
                relay(mongo.getDatabase(database).getCollection(collection));
                if (brokerDown) {
                    LOG.info("Kafka is reachable again; pending events are being delivered");
                    brokerDown = false;
                }
            } catch (RuntimeException e) {
                if (!brokerDown) {
                    LOG.warnf("Events wait in the outbox until Kafka is reachable: %s", e.getClass().getSimpleName());
                    brokerDown = true;
                }
                return;
            }
        }
    }

    private void relay(MongoCollection<Document> collection) {
        String pendingId = Outbox.FIELD + ".id";
        if (!indexed.contains(collection.getNamespace().getFullName())) {
            // Sparse: only documents with pending entries are in it, so a round reads those alone
            // instead of the whole collection (the local stack's embedded server uses it too; the
            // in-memory server of the tests ignores it and scans).
            collection.createIndex(Indexes.ascending(pendingId), new IndexOptions().sparse(true));
            indexed.add(collection.getNamespace().getFullName());
        }
        // Every entry of the round is sent before any answer is awaited (the producer keeps their
        // order per key); an entry is removed only once the broker has acknowledged it.
        List<Sent> sent = new ArrayList<>();
        owners:
        for (Document owner : collection.find(Filters.exists(pendingId))
                .projection(new Document(Outbox.FIELD, 1))
                .limit(config.relayBatchSize())) {
            for (Document entry : owner.getList(Outbox.FIELD, Document.class)) {
                Future<RecordMetadata> acknowledgement = producer.send(record(entry));
                sent.add(new Sent(owner.get("_id"), entry.getString("id"), acknowledgement));
                if (acknowledgement.isDone()) {
                    // Answered at once: refused, typically after max.block.ms without the broker.
                    // The rest waits for the next round instead of each waiting as long.
                    break owners;
                }
            }
        }
        List<UpdateOneModel<Document>> removals = new ArrayList<>(sent.size());
        try {
            for (Sent entry : sent) {
                entry.awaitAcknowledgement();
                removals.add(new UpdateOneModel<>(Filters.eq("_id", entry.ownerId()),
                        Updates.pull(Outbox.FIELD, new Document("id", entry.eventId()))));
            }
        } finally {
            // What was acknowledged before a failed send leaves the outbox all the same.
            if (!removals.isEmpty()) {
                collection.bulkWrite(removals, new BulkWriteOptions().ordered(false));
            }
        }
    }

    private static ProducerRecord<String, String> record(Document entry) {
        ProducerRecord<String, String> record = new ProducerRecord<>(
                entry.getString("topic"), entry.getString("key"), entry.getString("event"));
        record.headers().add(new RecordHeader("content-type",
                CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** An outbox entry handed to the producer, with the document it is to be removed from. */
    private record Sent(Object ownerId, String eventId, Future<RecordMetadata> acknowledgement) {

        void awaitAcknowledgement() {
            try {
                acknowledgement.get(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (Exception e) {
                throw new IllegalStateException("event " + eventId + " not published", e);
            }
        }
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
