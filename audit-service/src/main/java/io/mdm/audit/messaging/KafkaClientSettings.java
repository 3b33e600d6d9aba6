package io.mdm.audit.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Client settings from the {@code kafka.*} configuration Quarkus hands over as the
 * {@code default-kafka-broker} map (bootstrap servers, TLS, SASL), keeping only the keys each
 * kind of client understands, plus what the audit stream and its sources need.
 */
final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /** An idempotent producer that reports a send only once every in-sync replica has it. */
    static Map<String, Object> producer(Map<String, Object> kafka, String clientId) {
        Map<String, Object> props = known(kafka, ProducerConfig.configNames());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** A consumer that commits only when told to, and starts a new group at the oldest event. */
    static Map<String, Object> consumer(Map<String, Object> kafka, String groupId, String clientId) {
        Map<String, Object> props = known(kafka, ConsumerConfig.configNames());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // One poll is one log append: large polls share its round trips over more events.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return props;
    }

    private static Map<String, Object> known(Map<String, Object> kafka, Set<String> names) {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (names.contains(key)) {
                props.put(key, value);
            }
        });
        return props;
    }
}
