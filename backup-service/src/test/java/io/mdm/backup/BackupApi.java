package io.mdm.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.CloudEvent;
import io.mdm.testkit.TestDeviceTokens;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** The backup-service's HTTP API as tests drive it, and events published as other services would. */
final class BackupApi {

    static final String MESSAGES = "/api/v1/backup/messages";
    static final String DELETIONS = "/api/v1/backup/deletions";
    static final String RETENTION = "/api/v1/backup/retention/run";
    static final String HOLDS = "/api/v1/legal-holds";
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private BackupApi() {
    }

    /** A phone of a fresh employee, so that what a test counts is only its own. */
    record Phone(String deviceId, String employeeId) {

        static Phone fresh() {
            return new Phone("D-" + UUID.randomUUID(), "T-" + UUID.randomUUID());
        }

        /** This phone, told by the fake policy-service to answer {@code answer}. */
        Phone withPolicy(FakePolicyService.Answer answer) {
            FakePolicyService.get().answer(deviceId, answer);
            return this;
        }

        String token() {
            return TestDeviceTokens.get().tokenFor(deviceId, employeeId, "BYOD");
        }

        RequestSpecification request() {
            return RestAssured.given().auth().oauth2(token()).contentType(ContentType.JSON);
        }

        ValidatableResponse upload(List<Map<String, Object>> messages) {
            return request().body(Map.of("messages", messages)).post(MESSAGES).then();
        }

        ValidatableResponse delete(List<Map<String, Object>> deletions) {
            return request().body(Map.of("deletions", deletions)).post(DELETIONS).then();
        }
    }

    static RequestSpecification as(String user) {
        return RestAssured.given().auth().oauth2(TestInfrastructure.get().realm().tokenFor(user))
                .contentType(ContentType.JSON);
    }

    static String summaryPath(String employeeId) {
        return "/api/v1/backup/subjects/" + employeeId + "/summary";
    }

    static String subjectPath(String employeeId) {
        return "/api/v1/backup/subjects/" + employeeId;
    }

    /** A valid message of {@code app}, sent an hour ago. */
    static Map<String, Object> message(String app) {
        return message(app, Instant.now().minus(Duration.ofHours(1)));
    }

    static Map<String, Object> message(String app, Instant sentAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", UUID.randomUUID().toString());
        m.put("app", app);
        m.put("conversationId", "conv-" + UUID.randomUUID());
        m.put("sentAt", sentAt.toString());
        m.put("direction", "OUT");
        m.put("sender", "erin@example.com");
        m.put("recipients", List.of("carol@example.com"));
        m.put("body", "Please send the signed contract by Friday.");
        return m;
    }

    static List<Map<String, Object>> messages(int count, String app) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(message(app));
        }
        return batch;
    }

    static Map<String, Object> deletion(Map<String, Object> message, Instant deletedAt) {
        return Map.of("messageId", message.get("messageId"), "deletedAt", deletedAt.toString());
    }

    /** A time as MongoDB keeps it. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static String placeHold(String employeeId) {
        return as("carol").body(Map.of("employeeIds", List.of(employeeId), "caseReference", "CASE-" + UUID.randomUUID(),
                        "reason", "Competition authority inspection of the sales team"))
                .post(HOLDS).then().statusCode(201).extract().path("id");
    }

    static void releaseHold(String holdId) {
        as("carol").body(Map.of("reason", "The authority closed the case")).post(HOLDS + "/" + holdId + "/release")
                .then().statusCode(200);
    }

    static TopicReader backupTopic() {
        return new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.BACKUP);
    }

    /** Publishes a CloudEvent as another service's outbox relay would. */
    static void publish(String topic, String key, String type, Object data) {
        CloudEvent<Object> event = CloudEvent.of(UUID.randomUUID().toString(), "/mdm/test", type, Instant.now(), key,
                data);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(event))).get();
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException("cannot publish " + type, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
