package io.mdm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestInfrastructureTest {

    private final Infrastructure infra = TestInfrastructure.get();

    @Test
    void brokerDeliversWhatWasProduced() throws Exception {
        String topic = "testkit-" + UUID.randomUUID();
        String value = "hello " + UUID.randomUUID();
        send(topic, "k1", value);

        List<String> received = consume(topic, 1, Duration.ofSeconds(30));
        assertEquals(List.of(value), received);
    }

    @Test
    void brokerComesBackAfterBeingKilledAndKeepsItsData() throws Exception {
        KafkaBroker broker = infra.kafkaBroker().orElseThrow();
        String topic = "testkit-restart-" + UUID.randomUUID();
        send(topic, "k", "before");

        broker.kill();
        assertFalse(broker.isRunning());
        assertFalse(FreePorts.isListening(Integer.parseInt(broker.bootstrapServers().split(":")[1])));
        broker.start();

        send(topic, "k", "after");
        assertEquals(List.of("before", "after"), consume(topic, 2, Duration.ofSeconds(60)));
    }

    @Test
    void mongoWireServerStoresAndEnforcesUniqueIndexes() {
        try (MongoClient client = MongoClients.create(infra.mongoConnectionString())) {
            MongoCollection<Document> things = client.getDatabase("testkit").getCollection("things-" + UUID.randomUUID());
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(new Document("key", "a").append("value", 1));

            assertEquals(1, things.find(new Document("key", "a")).first().getInteger("value"));
            assertThrows(com.mongodb.MongoWriteException.class,
                    () -> things.insertOne(new Document("key", "a").append("value", 2)));
        }
    }

    @Test
    void keycloakIssuesTokensWithRolesAndEmployeeId() throws Exception {
        JsonNode claims = claims(infra.realm().tokenFor("erin"));

        assertEquals("erin", claims.get("preferred_username").asText());
        assertEquals("E1001", claims.get("employee_id").asText());
        assertEquals(infra.realm().url(), claims.get("iss").asText());
        List<String> roles = new ArrayList<>();
        claims.get("realm_access").get("roles").forEach(role -> roles.add(role.asText()));
        assertTrue(roles.contains("employee"), "roles: " + roles);
        assertFalse(roles.contains("mdm-admin"), "roles: " + roles);
        assertTrue(claims.get("exp").asLong() > Instant.now().getEpochSecond());
    }

    @Test
    void keycloakRefusesAWrongPassword() {
        assertThrows(IllegalStateException.class, () -> infra.realm().accessToken("erin", "not-her-password"));
    }

    @Test
    void oneUserLoggingInEightTimesAtOnceGetsEightTokens() {
        List<CompletableFuture<String>> logins = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            logins.add(CompletableFuture.supplyAsync(() -> infra.realm().tokenFor("pia")));
        }
        for (CompletableFuture<String> login : logins) {
            assertFalse(login.join().isBlank());
        }
    }

    @Test
    void serviceClientsGetTokensWithTheirSecret() throws Exception {
        JsonNode claims = claims(infra.realm().clientCredentialsToken("backup-service", "backup-service-local-secret"));
        assertEquals("backup-service", claims.get("azp").asText());
    }

    private static JsonNode claims(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload));
    }

    private void send(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private List<String> consume(String topic, int expected, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
