package io.mdm.audit.messaging;

import io.mdm.audit.log.service.AuditLog;
import io.mdm.audit.log.store.AuditEntry;
import io.mdm.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Appends every event of the device, policy and backup topics to the audit log.
 *
 * <p>A plain {@link KafkaConsumer} on a thread of its own rather than SmallRye {@code @Incoming}:
 * each poll becomes ONE batch append (the log's writes are the bottleneck, not Kafka), and its
 * offsets are committed only after that append returned, without waiting for the broker's answer:
 * a lost commit only means a redelivery. When the append or the poll fails, the consumer is closed
 * and a new one resumes from the last committed offsets, so no event is skipped and none is lost
 * while MongoDB or Kafka is away. A redelivered event is appended once:
 * its CloudEvents id is the entry's source id, unique in the log. Group {@value #GROUP_ID}:
 * replicas share the partitions.
 */
@ApplicationScoped
public class SourceEventConsumer {

    static final String GROUP_ID = "audit-service";
    static final List<String> TOPICS = List.of(Topics.DEVICE, Topics.POLICY, Topics.BACKUP);

    private static final Logger LOG = Logger.getLogger(SourceEventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final AuditLog log;
    private final Map<String, Object> settings;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private Thread worker;

    public SourceEventConsumer(AuditLog log, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.log = log;
        this.settings = KafkaClientSettings.consumer(kafka, GROUP_ID, "audit-sources");
    }

    void start(@Observes StartupEvent started) {
        worker = Thread.ofPlatform().name("audit-sources").daemon(true).start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopping.countDown();
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (worker != null) {
            worker.join(Duration.ofSeconds(10));
        }
    }

    private void run() {
        boolean failing = false;
        while (!isStopping()) {
            try (KafkaConsumer<String, String> opened = new KafkaConsumer<>(settings, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer = opened;
                opened.subscribe(TOPICS);
                while (!isStopping()) {
                    if (appendNextBatch(opened) && failing) {
                        LOG.info("Source events are appended to the audit log again");
                        failing = false;
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up; the loop ends.
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warnf("Source events wait (they stay in Kafka, uncommitted): %s: %s",
                            e.getClass().getSimpleName(), e.getMessage());
                    failing = true;
                }
                awaitStop(RETRY_AFTER);
            } finally {
                consumer = null;
            }
        }
    }

    /** Polls once; appends and commits what came. @return whether anything was appended */
    private boolean appendNextBatch(KafkaConsumer<String, String> opened) {
        ConsumerRecords<String, String> polled = opened.poll(POLL);
        if (polled.isEmpty()) {
            return false;
        }
        List<AuditEntry> entries = new ArrayList<>(polled.count());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, String> record : polled) {
            entries.add(SourceEvents.toEntry(record.topic(), record.partition(), record.offset(), record.value()));
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        log.appendAll(entries);
        // The append is durable; a commit that fails only redelivers events the log appends once.
        opened.commitAsync(next, (offsets, failure) -> {
            if (failure != null) {
                LOG.debugf("Offsets not committed, the events will be read again: %s", failure.getMessage());
            }
        });
        return true;
    }

    private boolean isStopping() {
        return stopping.getCount() == 0;
    }

    private void awaitStop(Duration timeout) {
        try {
            stopping.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
