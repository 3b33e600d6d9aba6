package io.mdm.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.mdm.backup.BackupApi.Phone;
import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.domain.Direction;
import io.mdm.backup.domain.EmployeeKeyring;
import io.mdm.backup.domain.MessageSealer;
import io.mdm.backup.ingest.UploadRecovery;
import io.mdm.backup.persistence.MessageRepository;
import io.mdm.backup.persistence.UploadRepository;
import io.mdm.backup.persistence.UploadRepository.Kind;
import io.mdm.backup.persistence.UploadRepository.PendingUpload;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mdm.backup.BackupApi.EVENT_TIMEOUT;
import static io.mdm.backup.BackupApi.backupTopic;
import static io.mdm.backup.BackupApi.message;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replica that stopped in the middle of an upload: the upload is completed later, with its event. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
class UploadRecoveryTest {

    @Inject
    UploadRepository uploads;

    @Inject
    MessageRepository messages;

    @Inject
    UploadRecovery recovery;

    @Inject
    EmployeeKeyring keyring;

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void anInterruptedUploadIsCompletedWithCountsFromTheStoredMessages() {
        Phone phone = Phone.fresh();
        Map<String, Object> earlier = message(WORKCHAT);
        phone.upload(List.of(earlier)).statusCode(200);

        // The interrupted upload named three messages: one stored before, one it stored, one it never got to.
        String stored = UUID.randomUUID().toString();
        String lost = UUID.randomUUID().toString();
        Instant receivedAt = BackupApi.millis(Instant.now().minus(Duration.ofMinutes(10)));
        PendingUpload upload = new PendingUpload(UUID.randomUUID().toString(), Kind.MESSAGES, phone.employeeId(),
                phone.deviceId(), List.of(MessageRepository.key(phone.employeeId(), (String) earlier.get("messageId")),
                MessageRepository.key(phone.employeeId(), stored), MessageRepository.key(phone.employeeId(), lost)),
                receivedAt);
        uploads.begin(upload);
        MessageSealer sealer = new MessageSealer(keyring.keyForWriting(phone.employeeId()));
        messages.insert(phone.employeeId(), phone.deviceId(), upload.id(), List.of(sealer.seal(phone.employeeId(),
                new ChatMessage(stored, WORKCHAT, "conv-1", Instant.now().minus(Duration.ofHours(1)), Direction.IN,
                        "carol@example.com", List.of("erin@example.com"), "See you at nine.", List.of()))),
                receivedAt, 365);

        try (TopicReader reader = backupTopic()) {
            assertTrue(recovery.completeInterrupted(Instant.now().minus(Duration.ofMinutes(5))) >= 1);

            TopicReader.Event event = reader.await(e -> e.type().equals(EventTypes.BACKUP_MESSAGES_ARCHIVED)
                    && e.data().path("employeeId").asText().equals(phone.employeeId())
                    && e.data().path("duplicates").asInt() == 1, EVENT_TIMEOUT);
            assertEquals(1, event.data().path("accepted").asInt());
            assertEquals(phone.deviceId(), event.data().path("deviceId").asText());
        }
        Document completed = mongo.getDatabase(database).getCollection("uploads")
                .find(Filters.eq("_id", upload.id())).first();
        assertEquals("COMPLETED", completed.getString("state"));
        assertEquals(1, completed.getInteger("accepted"));
        assertEquals(1, completed.getInteger("duplicates"));
        assertEquals(0, recovery.completeInterrupted(Instant.now().minus(Duration.ofMinutes(5))),
                "an upload is completed once");
    }

    @Test
    void anUploadStillRunningIsLeftAlone() {
        Phone phone = Phone.fresh();
        PendingUpload running = new PendingUpload(UUID.randomUUID().toString(), Kind.DELETIONS, phone.employeeId(),
                phone.deviceId(), List.of(MessageRepository.key(phone.employeeId(), UUID.randomUUID().toString())),
                BackupApi.millis(Instant.now()));
        uploads.begin(running);

        recovery.completeInterrupted(Instant.now().minus(Duration.ofMinutes(5)));
        assertEquals("PENDING", mongo.getDatabase(database).getCollection("uploads")
                .find(Filters.eq("_id", running.id())).first().getString("state"));

        // Once it is old enough, a deletion report is completed too, with what it marked: nothing.
        recovery.completeInterrupted(Instant.now().plusSeconds(1));
        Document completed = mongo.getDatabase(database).getCollection("uploads")
                .find(Filters.eq("_id", running.id())).first();
        assertEquals("COMPLETED", completed.getString("state"));
        assertEquals(0, completed.getInteger("recorded"));
    }
}
