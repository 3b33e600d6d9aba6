package io.mdm.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mdm.backup.BackupApi.Phone;
import io.mdm.contracts.EventTypes;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mdm.backup.BackupApi.DELETIONS;
import static io.mdm.backup.BackupApi.EVENT_TIMEOUT;
import static io.mdm.backup.BackupApi.as;
import static io.mdm.backup.BackupApi.backupTopic;
import static io.mdm.backup.BackupApi.deletion;
import static io.mdm.backup.BackupApi.messages;
import static io.mdm.backup.BackupApi.millis;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
class DeletionRecordingTest {

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private MongoCollection<Document> messagesCollection() {
        return mongo.getDatabase(database).getCollection("messages");
    }

    private Document stored(Phone phone, Map<String, Object> message) {
        return messagesCollection().find(Filters.eq("_id", phone.employeeId() + ":" + message.get("messageId"))).first();
    }

    @Test
    void threeDeletionsAreRecordedAndTheMessagesStayMarked() {
        Phone phone = Phone.fresh();
        List<Map<String, Object>> uploaded = messages(5, WORKCHAT);
        phone.upload(uploaded).statusCode(200).body("accepted", equalTo(5));
        Instant base = Instant.now().minus(Duration.ofMinutes(10));
        List<Instant> deletedAt = List.of(base.plusMillis(1_234), base.plusSeconds(60), base.plusSeconds(120));

        try (TopicReader reader = backupTopic()) {
            List<Map<String, Object>> deletions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deletions.add(deletion(uploaded.get(i), deletedAt.get(i)));
            }
            phone.delete(deletions).statusCode(200).body("recorded", equalTo(3));

            assertEquals(5, messagesCollection().countDocuments(Filters.eq("employeeId", phone.employeeId())));
            for (int i = 0; i < 3; i++) {
                assertEquals(millis(deletedAt.get(i)), stored(phone, uploaded.get(i)).getDate("deletedOnDeviceAt")
                        .toInstant());
            }
            assertNull(stored(phone, uploaded.get(3)).get("deletedOnDeviceAt"));
            assertNull(stored(phone, uploaded.get(4)).get("deletedOnDeviceAt"));

            TopicReader.Event event = reader.await(e -> e.type().equals(EventTypes.BACKUP_DELETION_RECORDED)
                    && e.data().path("employeeId").asText().equals(phone.employeeId()), EVENT_TIMEOUT);
            assertEquals(3, event.data().path("recorded").asInt());
            assertEquals(phone.deviceId(), event.data().path("deviceId").asText());
            assertEquals(phone.employeeId(), event.key());
            assertEquals(List.of("at", "deviceId", "employeeId", "recorded"),
                    iterable(event.data().fieldNames()).stream().sorted().toList(), "counts and ids only");
        }

        // Reported again, later: the first time stays and nothing more is recorded.
        phone.delete(List.of(deletion(uploaded.get(0), Instant.now()))).statusCode(200).body("recorded", equalTo(0));
        assertEquals(millis(deletedAt.get(0)), stored(phone, uploaded.get(0)).getDate("deletedOnDeviceAt").toInstant());
    }

    @Test
    void deletionsOfAnotherEmployeesMessagesChangeNothing() {
        Phone owner = Phone.fresh();
        Phone other = Phone.fresh();
        List<Map<String, Object>> uploaded = messages(2, WORKCHAT);
        owner.upload(uploaded).statusCode(200);

        other.delete(List.of(deletion(uploaded.get(0), Instant.now()), deletion(uploaded.get(1), Instant.now())))
                .statusCode(200).body("recorded", equalTo(0));
        assertNull(stored(owner, uploaded.get(0)).get("deletedOnDeviceAt"));
    }

    @Test
    void invalidDeletionsAre400NamingEachField() {
        Phone phone = Phone.fresh();
        phone.delete(List.of(Map.of("messageId", "not-a-uuid", "deletedAt", Instant.now().toString()),
                        Map.of("messageId", UUID.randomUUID().toString(),
                                "deletedAt", Instant.now().plus(Duration.ofHours(1)).toString())))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("deletions[0].messageId", "deletions[1].deletedAt"));
    }

    @Test
    void moreThan500DeletionsAre400() {
        Phone phone = Phone.fresh();
        List<Map<String, Object>> deletions = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            deletions.add(Map.of("messageId", UUID.randomUUID().toString(), "deletedAt", Instant.now().toString()));
        }
        phone.delete(deletions).statusCode(400).body("violations.field", contains("deletions"));
    }

    @Test
    void peopleCannotRecordDeletions() {
        Map<String, Object> body = Map.of("deletions",
                List.of(Map.of("messageId", UUID.randomUUID().toString(), "deletedAt", Instant.now().toString())));
        as("erin").body(body).post(DELETIONS).then().statusCode(403).contentType("application/problem+json");
        as("carol").body(body).post(DELETIONS).then().statusCode(403);
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }
}
