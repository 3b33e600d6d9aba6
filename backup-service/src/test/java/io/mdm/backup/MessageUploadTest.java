package io.mdm.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mdm.backup.BackupApi.Phone;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.DeviceEvents.DeviceUnenrolled;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mdm.backup.BackupApi.EVENT_TIMEOUT;
import static io.mdm.backup.BackupApi.MESSAGES;
import static io.mdm.backup.BackupApi.as;
import static io.mdm.backup.BackupApi.backupTopic;
import static io.mdm.backup.BackupApi.message;
import static io.mdm.backup.BackupApi.messages;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
class MessageUploadTest {

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private MongoCollection<Document> collection(String name) {
        return mongo.getDatabase(database).getCollection(name);
    }

    private long stored(String employeeId) {
        return collection("messages").countDocuments(Filters.eq("employeeId", employeeId));
    }

    private boolean hasKey(String employeeId) {
        return collection("employee_keys").countDocuments(Filters.eq("_id", employeeId)) == 1;
    }

    @Test
    void fiftyMessagesAreAcceptedAndTheSameFiftyAgainAreDuplicates() {
        Phone phone = Phone.fresh();
        List<Map<String, Object>> batch = messages(50, WORKCHAT);
        try (TopicReader reader = backupTopic()) {
            phone.upload(batch).statusCode(200).body("accepted", equalTo(50)).body("duplicates", equalTo(0));
            phone.upload(batch).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(50));
            assertEquals(50, stored(phone.employeeId()));

            TopicReader.Event first = reader.await(e -> isArchived(e, phone) && e.data().path("accepted").asInt() == 50,
                    EVENT_TIMEOUT);
            assertEquals(0, first.data().path("duplicates").asInt());
            assertEquals(phone.deviceId(), first.data().path("deviceId").asText());
            assertEquals(phone.employeeId(), first.key());
            assertEquals(phone.employeeId(), first.cloudEvent().path("subject").asText());
            assertEquals("/mdm/backup-service", first.cloudEvent().path("source").asText());
            TopicReader.Event second = reader.await(e -> isArchived(e, phone)
                    && e.data().path("duplicates").asInt() == 50, EVENT_TIMEOUT);
            assertEquals(0, second.data().path("accepted").asInt());
        }
    }

    @Test
    void aMessageIdDiffersOnlyInCaseIsTheSameMessage() {
        Phone phone = Phone.fresh();
        Map<String, Object> lower = message(WORKCHAT);
        Map<String, Object> upper = new LinkedHashMap<>(lower);
        upper.put("messageId", ((String) lower.get("messageId")).toUpperCase());
        phone.upload(List.of(lower)).statusCode(200).body("accepted", equalTo(1));
        phone.upload(List.of(upper)).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
    }

    @Test
    void messagesAreStoredWithoutBodySenderRecipientsOrAttachmentNamesInClear() {
        Phone phone = Phone.fresh();
        String marker = UUID.randomUUID().toString();
        String body = "Let us agree on the prices before the tender " + marker;
        String sender = "sender-" + marker + "@example.com";
        String recipient = "recipient-" + marker + "@example.com";
        String fileName = "price-list-" + marker + ".pdf";
        Instant sentAt = Instant.parse("2025-03-10T09:15:30.123456Z");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> m = message(WORKCHAT, sentAt);
            m.put("body", body);
            m.put("sender", sender);
            m.put("recipients", List.of(recipient, "+41790000000"));
            m.put("attachments", List.of(Map.of("fileName", fileName, "mimeType", "application/pdf",
                    "sizeBytes", 48213, "sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")));
            batch.add(m);
        }
        try (TopicReader reader = backupTopic()) {
            phone.upload(batch).statusCode(200).body("accepted", equalTo(3));

            List<RawBsonDocument> docs = mongo.getDatabase(database).getCollection("messages", RawBsonDocument.class)
                    .find(Filters.eq("employeeId", phone.employeeId())).into(new ArrayList<>());
            assertEquals(3, docs.size());
            for (RawBsonDocument doc : docs) {
                String bytes = latin1(doc.getByteBuffer().asNIO());
                for (String secret : List.of(body, marker, sender, recipient, "+41790000000", fileName)) {
                    assertFalse(bytes.contains(latin1(secret)), "a stored message shows " + secret + " in clear");
                }
            }
            Document first = collection("messages").find(Filters.eq("_id",
                    phone.employeeId() + ":" + batch.get(0).get("messageId"))).first();
            assertEquals(WORKCHAT, first.getString("app"));
            assertEquals(batch.get(0).get("conversationId"), first.getString("conversationId"));
            assertEquals(BackupApi.millis(sentAt), first.getDate("sentAt").toInstant());
            assertEquals("OUT", first.getString("direction"));
            assertEquals(phone.deviceId(), first.getString("deviceId"));
            assertEquals(365, first.getInteger("retentionDays"));
            assertTrue(first.containsKey("deletedOnDeviceAt"));
            assertNull(first.get("deletedOnDeviceAt"));
            for (Document upload : collection("uploads").find(Filters.eq("employeeId", phone.employeeId()))) {
                assertFalse(upload.toJson().contains(marker), "an upload record shows content");
            }

            TopicReader.Event event = reader.await(e -> isArchived(e, phone), EVENT_TIMEOUT);
            assertEquals(3, event.data().path("accepted").asInt());
            String json = event.cloudEvent().toString();
            for (String secret : List.of(marker, "sender-", "recipient-", "+41790000000")) {
                assertFalse(json.contains(secret), "the event shows " + secret);
            }
        }
    }

    @Test
    void anUnapprovedAppIsRefusedWith422NamingTheMessageAndNothingIsStored() {
        Phone phone = Phone.fresh();
        List<Map<String, Object>> batch = List.of(message(WORKCHAT), message("com.whatsapp"), message(WORKCHAT));
        phone.upload(batch).statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("messages[1].app"))
                .body("violations[0].rule", equalTo("not-approved"));
        assertEquals(0, stored(phone.employeeId()));
        assertFalse(hasKey(phone.employeeId()), "no key is made for a refused upload");
    }

    @Test
    void aPolicyThatDoesNotRequireBackupRefusesEveryMessage() {
        Phone phone = Phone.fresh().withPolicy(new FakePolicyService.Policy(List.of(WORKCHAT), false, 365));
        phone.upload(messages(2, WORKCHAT)).statusCode(422)
                .body("violations.field", contains("messages[0].app", "messages[1].app"));
        assertEquals(0, stored(phone.employeeId()));
    }

    @Test
    void aPolicyWithoutRetentionPeriodRefusesTheUpload() {
        Phone phone = Phone.fresh().withPolicy(new FakePolicyService.Policy(List.of(WORKCHAT), true, null));
        phone.upload(messages(1, WORKCHAT)).statusCode(422)
                .body("violations.field", contains("messages"))
                .body("violations[0].rule", equalTo("no-retention-period"));
        assertEquals(0, stored(phone.employeeId()));
    }

    @Test
    void aDeviceThePolicyServiceDoesNotKnowBacksUpNothing() {
        Phone phone = Phone.fresh().withPolicy(FakePolicyService.Failure.NOT_FOUND);
        phone.upload(messages(1, WORKCHAT)).statusCode(422).body("violations.field", contains("messages[0].app"));
        assertEquals(0, stored(phone.employeeId()));
    }

    @Test
    void policyServiceDownAnswers503AndStoresNothing() {
        Phone phone = Phone.fresh().withPolicy(FakePolicyService.Failure.UNAVAILABLE);
        phone.upload(messages(3, WORKCHAT)).statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mdm:problem:unavailable"))
                .body("status", equalTo(503));
        assertEquals(0, stored(phone.employeeId()));
        assertEquals(0, collection("uploads").countDocuments(Filters.eq("employeeId", phone.employeeId())));
    }

    @Test
    void moreThan500MessagesAre400() {
        Phone phone = Phone.fresh();
        phone.upload(messages(501, WORKCHAT)).statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("messages"))
                .body("violations[0].rule", equalTo("size"));
        assertEquals(0, stored(phone.employeeId()));
    }

    @Test
    void aBodyOver4MiBIs413ProblemAndNothingIsStored() {
        Phone phone = Phone.fresh();
        // Each message is valid on its own (a body of 60 KiB is under the 64 KiB limit); together they are too big.
        String body = "x".repeat(60 * 1024);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 72; i++) {
            Map<String, Object> m = message(WORKCHAT);
            m.put("body", body);
            batch.add(m);
        }
        assertTrue(72 * body.length() > 4 * 1024 * 1024);
        phone.upload(batch).statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
        assertEquals(0, stored(phone.employeeId()));
    }

    @Test
    void invalidMessagesAre400WithEveryViolationAndNothingIsStored() {
        Phone phone = Phone.fresh();
        Map<String, Object> noSender = message(WORKCHAT);
        noSender.remove("sender");
        Map<String, Object> badId = message(WORKCHAT);
        badId.put("messageId", "not-a-uuid");
        phone.upload(List.of(noSender, badId)).statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("messages[0].sender", "messages[1].messageId"));
        assertEquals(0, stored(phone.employeeId()));
    }

    @Test
    void aMalformedDirectionIs400NamingTheField() {
        Phone phone = Phone.fresh();
        Map<String, Object> m = message(WORKCHAT);
        m.put("direction", "SIDEWAYS");
        phone.upload(List.of(m)).statusCode(400)
                .body("violations.field", contains("messages[0].direction"))
                .body(not(containsString("SIDEWAYS")));
    }

    @Test
    void theEmployeeIsTheOneTheTokenNamesNeverABodyField() {
        Phone phone = Phone.fresh();
        Map<String, Object> m = message(WORKCHAT);
        m.put("employeeId", "E-someone-else");
        phone.request().body(Map.of("employeeId", "E-someone-else", "messages", List.of(m))).post(MESSAGES).then()
                .statusCode(200).body("accepted", equalTo(1));
        assertEquals(1, stored(phone.employeeId()));
        assertEquals(0, stored("E-someone-else"));
    }

    @Test
    void peopleCannotUploadOnlyDevices() {
        Map<String, Object> batch = Map.of("messages", messages(1, WORKCHAT));
        as("erin").body(batch).post(MESSAGES).then().statusCode(403).contentType("application/problem+json");
        as("alice").body(batch).post(MESSAGES).then().statusCode(403);
        RestAssured.given().contentType(ContentType.JSON).body(batch).post(MESSAGES).then().statusCode(401);
    }

    @Test
    void aRetiredDeviceIsRefusedWith403() {
        Phone phone = Phone.fresh();
        phone.upload(messages(1, WORKCHAT)).statusCode(200);

        BackupApi.publish(Topics.DEVICE, phone.deviceId(), EventTypes.DEVICE_UNENROLLED,
                new DeviceUnenrolled(phone.deviceId(), phone.employeeId(), "BYOD", "alice", Instant.now()));
        Eventually.until("the retirement is recorded", Duration.ofSeconds(30),
                () -> collection("retired_devices").countDocuments(Filters.eq("_id", phone.deviceId())) == 1);

        phone.upload(messages(1, WORKCHAT)).statusCode(403).contentType("application/problem+json");
        phone.delete(List.of(Map.of("messageId", UUID.randomUUID().toString(),
                "deletedAt", Instant.now().toString()))).statusCode(403);
        assertEquals(1, stored(phone.employeeId()));
    }

    private static boolean isArchived(TopicReader.Event event, Phone phone) {
        return event.type().equals(EventTypes.BACKUP_MESSAGES_ARCHIVED)
                && event.data().path("employeeId").asText().equals(phone.employeeId());
    }

    /** Bytes as one char each, so that a byte sequence can be searched for with String.contains. */
    private static String latin1(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
