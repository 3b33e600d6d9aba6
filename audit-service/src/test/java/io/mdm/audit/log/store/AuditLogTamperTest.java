package io.mdm.audit.log.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.mdm.audit.AuditApi;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.service.AuditLog;
import io.mdm.audit.log.service.Checkpointer;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes made to stored records behind the service's back, as an attacker with database access
 * would make them, show in {@code GET /audit/verify} at the first affected seq. Each test puts
 * the records back as they were, and tampers only with records already on the stream, so that
 * the other tests see an intact log.
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AuditLogTamperTest {

    @Inject
    AuditLog log;

    @Inject
    Checkpointer checkpointer;

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private final List<AuditRecord> appended = new ArrayList<>();

    private MongoCollection<Document> records() {
        return mongo.getDatabase(database).getCollection(AuditLogStore.RECORDS);
    }

    @BeforeEach
    void appendPublishedRecords() {
        appended.clear();
        try (TopicReader stream = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.AUDIT)) {
            for (int i = 0; i < 4; i++) {
                appended.add(log.append("test.tamper", "tester", "E1002",
                        JsonNodeFactory.instance.objectNode().put("n", i)));
            }
            long last = appended.getLast().seq();
            stream.await(event -> event.data().path("seq").asLong(-1) == last, Duration.ofSeconds(60));
        }
        assertTrue(AuditApi.verify().getBoolean("valid"), "the log is intact before tampering");
    }

    @Test
    void aChangedFieldIsFoundAtItsSeq() {
        long seq = appended.get(1).seq();
        Document original = records().find(Filters.eq("_id", seq)).first();
        try {
            records().updateOne(Filters.eq("_id", seq), Updates.set("actor", "mallory"));

            assertInvalidAt(seq);
        } finally {
            records().replaceOne(Filters.eq("_id", seq), original);
        }
        assertTrue(AuditApi.verify().getBoolean("valid"));
    }

    @Test
    void aDeletedRecordIsFoundAtItsSeq() {
        long seq = appended.get(2).seq();
        Document original = records().find(Filters.eq("_id", seq)).first();
        try {
            records().deleteOne(Filters.eq("_id", seq));

            assertInvalidAt(seq);
        } finally {
            records().insertOne(original);
        }
        assertTrue(AuditApi.verify().getBoolean("valid"));
    }

    @Test
    void twoSwappedRecordsAreFoundAtTheFirst() {
        long first = appended.get(0).seq();
        long second = appended.get(3).seq();
        Document a = records().find(Filters.eq("_id", first)).first();
        Document b = records().find(Filters.eq("_id", second)).first();
        try {
            records().replaceOne(Filters.eq("_id", first), withId(b, first));
            records().replaceOne(Filters.eq("_id", second), withId(a, second));

            assertInvalidAt(first);
        } finally {
            records().replaceOne(Filters.eq("_id", first), a);
            records().replaceOne(Filters.eq("_id", second), b);
        }
        assertTrue(AuditApi.verify().getBoolean("valid"));
    }

    /** Whoever also rewrites the stored hash is caught by the signed checkpoint (or the head). */
    @Test
    void aChangeWithARecomputedHashIsCaughtByTheRoots() {
        checkpointer.checkpointNow();
        AuditRecord target = appended.get(1);
        Document original = records().find(Filters.eq("_id", target.seq())).first();
        AuditRecord forged = new AuditRecord(target.seq(), target.time(), target.type(), target.actor(),
                target.subjectEmployeeId(), JsonNodeFactory.instance.objectNode().put("n", 99));
        try {
            records().replaceOne(Filters.eq("_id", target.seq()), RecordDocuments.toDocument(forged, null));

            JsonPath verification = AuditApi.verify();
            assertFalse(verification.getBoolean("valid"));
            assertTrue(verification.getLong("firstInvalidSeq") <= target.seq(), verification.prettify());
        } finally {
            records().replaceOne(Filters.eq("_id", target.seq()), original);
        }
        assertTrue(AuditApi.verify().getBoolean("valid"));
    }

    private static void assertInvalidAt(long seq) {
        JsonPath verification = AuditApi.verify();
        assertFalse(verification.getBoolean("valid"), verification.prettify());
        assertEquals(seq, verification.getLong("firstInvalidSeq"), verification.prettify());
    }

    private static Document withId(Document content, long seq) {
        Document copy = new Document(content);
        copy.put("_id", seq);
        return copy;
    }
}
