package io.mdm.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mdm.backup.BackupApi.Phone;
import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.domain.Direction;
import io.mdm.backup.domain.EmployeeKeyring;
import io.mdm.backup.domain.MessageSealer;
import io.mdm.backup.domain.SealedMessage;
import io.mdm.backup.domain.UnreadableMessageException;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.BackupEvents.SubjectShredded;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.Binary;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.mdm.backup.BackupApi.EVENT_TIMEOUT;
import static io.mdm.backup.BackupApi.as;
import static io.mdm.backup.BackupApi.backupTopic;
import static io.mdm.backup.BackupApi.message;
import static io.mdm.backup.BackupApi.messages;
import static io.mdm.backup.BackupApi.subjectPath;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
class CryptoShreddingTest {

    private static final String REASON = "The employee left; retention for the backup has ended";

    @Inject
    EmployeeKeyring keyring;

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private MongoCollection<Document> collection(String name) {
        return mongo.getDatabase(database).getCollection(name);
    }

    private SealedMessage storedSealed(Phone phone, Map<String, Object> message) {
        Document doc = collection("messages").find(Filters.eq("_id", phone.employeeId() + ":" + message.get("messageId")))
                .first();
        assertNotNull(doc);
        return new SealedMessage(doc.getString("messageId"), doc.getString("app"), doc.getString("conversationId"),
                doc.getDate("sentAt").toInstant(), Direction.valueOf(doc.getString("direction")),
                doc.get("ciphertext", Binary.class).getData());
    }

    private boolean keyStored(Phone phone) {
        return collection("employee_keys").countDocuments(Filters.eq("_id", phone.employeeId())) == 1;
    }

    @Test
    void shreddingIsRefusedUnderHoldAndAfterReleaseLeavesTheBackupUnreadable() {
        Phone phone = Phone.fresh();
        Map<String, Object> old = message(WORKCHAT);
        phone.upload(List.of(old, message(WORKCHAT), message(WORKCHAT))).statusCode(200);
        SealedMessage sealed = storedSealed(phone, old);
        ChatMessage opened = new MessageSealer(keyring.keyForReading(phone.employeeId()).orElseThrow())
                .open(phone.employeeId(), sealed.messageId(), sealed);
        assertEquals(old.get("body"), opened.body(), "readable before shredding");

        String hold = BackupApi.placeHold(phone.employeeId());
        as("alice").body(Map.of("reason", REASON)).delete(subjectPath(phone.employeeId())).then()
                .statusCode(409)
                .contentType("application/problem+json");
        assertTrue(keyStored(phone), "nothing is shredded under a hold");

        BackupApi.releaseHold(hold);
        try (TopicReader reader = backupTopic()) {
            as("alice").body(Map.of("reason", REASON)).delete(subjectPath(phone.employeeId())).then()
                    .statusCode(200)
                    .body("employeeId", equalTo(phone.employeeId()))
                    .body("status", equalTo("SHREDDED"))
                    .body("shreddedBy", equalTo("alice"));

            assertFalse(keyStored(phone), "the wrapped key is destroyed");
            assertTrue(keyring.keyForReading(phone.employeeId()).isEmpty());
            assertEquals(3, collection("messages").countDocuments(Filters.eq("employeeId", phone.employeeId())),
                    "the ciphertext stays until retention");

            TopicReader.Event event = reader.await(e -> e.type().equals(EventTypes.BACKUP_SUBJECT_SHREDDED)
                    && e.data().path("employeeId").asText().equals(phone.employeeId()), EVENT_TIMEOUT);
            assertEquals("alice", event.data().path("shreddedBy").asText());
            assertFalse(event.cloudEvent().toString().contains(REASON), "the reason stays in the service");
        }

        // A later upload gets a new key, which opens the new message but never the old ones.
        Map<String, Object> fresh = message(WORKCHAT);
        phone.upload(List.of(fresh)).statusCode(200).body("accepted", equalTo(1));
        MessageSealer newKey = new MessageSealer(keyring.keyForReading(phone.employeeId()).orElseThrow());
        assertEquals(fresh.get("body"), newKey.open(phone.employeeId(), (String) fresh.get("messageId"),
                storedSealed(phone, fresh)).body());
        assertThrows(UnreadableMessageException.class, () -> newKey.open(phone.employeeId(), sealed.messageId(), sealed));
    }

    @Test
    void anotherReplicasShreddingMakesThisOneForgetTheCachedKey() {
        Phone phone = Phone.fresh();
        phone.upload(messages(1, WORKCHAT)).statusCode(200);
        // Another replica destroys the stored key; this one still holds it in memory.
        collection("employee_keys").deleteOne(Filters.eq("_id", phone.employeeId()));
        assertTrue(keyring.keyForReading(phone.employeeId()).isPresent(), "cached here");

        BackupApi.publish(Topics.BACKUP, phone.employeeId(), EventTypes.BACKUP_SUBJECT_SHREDDED,
                new SubjectShredded(phone.employeeId(), "alice", Instant.now()));
        Eventually.until("the cached key is forgotten", Duration.ofSeconds(30),
                () -> keyring.keyForReading(phone.employeeId()).isEmpty());
    }

    @Test
    void aShreddingNeedsAReason() {
        Phone phone = Phone.fresh();
        as("alice").body(Map.of("reason", "")).delete(subjectPath(phone.employeeId())).then()
                .statusCode(400)
                .body("violations.field", contains("reason"));
        as("alice").body(Map.of("reason", "too short")).delete(subjectPath(phone.employeeId())).then()
                .statusCode(400)
                .body("violations[0].rule", equalTo("length"));
    }

    @Test
    void onlyAdministratorsShred() {
        Phone phone = Phone.fresh();
        phone.upload(messages(1, WORKCHAT)).statusCode(200);
        as("carol").body(Map.of("reason", REASON)).delete(subjectPath(phone.employeeId())).then()
                .statusCode(403).contentType("application/problem+json");
        as("erin").body(Map.of("reason", REASON)).delete(subjectPath(phone.employeeId())).then().statusCode(403);
        phone.request().body(Map.of("reason", REASON)).delete(subjectPath(phone.employeeId())).then().statusCode(403);
        assertTrue(keyStored(phone));
        assertNull(collection("shredded_subjects").find(Filters.eq("_id", phone.employeeId())).first());
    }
}
