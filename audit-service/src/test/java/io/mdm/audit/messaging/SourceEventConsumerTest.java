package io.mdm.audit.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.audit.AuditApi;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The device, policy and backup topics reach the audit log, each event once. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class SourceEventConsumerTest {

    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    private static void publish(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static String event(String id, String source, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"type\":\"" + type
                + "\",\"time\":\"2025-03-10T09:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
    }

    /** Publishes a marker after the events under test, on the same partition, and waits until it is in the log. */
    private static void awaitProcessedUpTo(TopicReader stream, String topic, String key) throws Exception {
        String marker = UUID.randomUUID().toString();
        publish(topic, key, event(marker, "/test", "test.marker", "{}"));
        stream.await(e -> e.data().path("data").path("eventId").asText().equals(marker), Duration.ofSeconds(60));
    }

    private static List<JsonNode> recordsOfEvent(String type, String eventId) {
        return AuditApi.allRecords("type=" + type).stream()
                .filter(record -> record.path("data").path("eventId").asText().equals(eventId))
                .toList();
    }

    @Test
    void anEventDeliveredTwiceIsAppendedOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String deviceId = "dev-" + id;
        String enrolled = event(id, "/mdm/enrollment-service", EventTypes.DEVICE_ENROLLED,
                "{\"deviceId\":\"" + deviceId + "\",\"employeeId\":\"E1001\",\"ownership\":\"BYOD\",\"platform\":\"ANDROID\","
                        + "\"osVersion\":\"15\",\"model\":\"Pixel\",\"noticeVersion\":2,\"enrolledAt\":\"2025-03-10T09:00:00Z\"}");
        try (TopicReader stream = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.AUDIT)) {
            publish(Topics.DEVICE, deviceId, enrolled);
            publish(Topics.DEVICE, deviceId, enrolled);
            awaitProcessedUpTo(stream, Topics.DEVICE, deviceId);
        }

        List<JsonNode> records = recordsOfEvent(EventTypes.DEVICE_ENROLLED, id);

        assertEquals(1, records.size());
        JsonNode record = records.getFirst();
        assertEquals("E1001", record.path("subjectEmployeeId").asText());
        assertEquals("/mdm/enrollment-service", record.path("actor").asText(), "no person named: the source acts");
        assertEquals(deviceId, record.path("data").path("deviceId").asText());
        assertEquals(2, record.path("data").path("noticeVersion").asInt());
        assertEquals("/mdm/enrollment-service", record.path("data").path("eventSource").asText());
    }

    @Test
    void thePersonAnEventNamesIsTheActor() throws Exception {
        String published = UUID.randomUUID().toString();
        String placed = UUID.randomUUID().toString();
        try (TopicReader stream = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.AUDIT)) {
            publish(Topics.POLICY, "policy-1", event(published, "/mdm/policy-service", EventTypes.POLICY_PUBLISHED,
                    "{\"policyId\":\"policy-1\",\"version\":3,\"name\":\"Sales\",\"targetOwnership\":[\"BYOD\"],"
                            + "\"targetEmployeeIds\":[],\"publishedBy\":\"alice\",\"publishedAt\":\"2025-03-10T09:00:00Z\"}"));
            publish(Topics.BACKUP, "hold-1", event(placed, "/mdm/backup-service", EventTypes.BACKUP_LEGAL_HOLD_PLACED,
                    "{\"holdId\":\"hold-1\",\"employeeIds\":[\"E1001\"],\"caseReference\":\"CA-1\",\"placedBy\":\"carol\","
                            + "\"placedAt\":\"2025-03-10T09:00:00Z\"}"));
            awaitProcessedUpTo(stream, Topics.POLICY, "policy-1");
            awaitProcessedUpTo(stream, Topics.BACKUP, "hold-1");
        }

        assertEquals("alice", recordsOfEvent(EventTypes.POLICY_PUBLISHED, published).getFirst().path("actor").asText());
        assertEquals("carol", recordsOfEvent(EventTypes.BACKUP_LEGAL_HOLD_PLACED, placed).getFirst().path("actor").asText());
    }

    @Test
    void aMessageThatIsNoEventIsRecordedWithoutItsContentAndStopsNothing() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        try (TopicReader stream = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.AUDIT)) {
            publish(Topics.BACKUP, key, "secret-looking garbage " + key);
            awaitProcessedUpTo(stream, Topics.BACKUP, key);

            TopicReader.Event unreadable = stream.await(e -> e.data().path("type").asText().equals(SourceEvents.UNREADABLE)
                    && e.data().path("data").path("topic").asText().equals(Topics.BACKUP), Duration.ofSeconds(5));
            assertEquals(-1, unreadable.cloudEvent().toString().indexOf(key), "the content is not copied into the log");
        }
    }
}
