package io.mdm.audit.log.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.mdm.audit.AuditApi;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.service.AuditLog;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The append protocol on the service's own database, against the app's own writer. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AuditLogStoreTest {

    private static final int THREADS_PER_WRITER = 4;
    private static final int APPENDS_PER_THREAD = 20;

    @Inject
    MongoClient mongo;

    @Inject
    AuditLog appLog;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private MongoDatabase db() {
        return mongo.getDatabase(database);
    }

    private static ObjectNode data(String run, int writer, int thread, int append, int entry) {
        return JsonNodeFactory.instance.objectNode().put("run", run).put("writer", writer).put("thread", thread)
                .put("append", append).put("entry", entry);
    }

    /**
     * Two store instances (two replicas) and the app's own log append batches from many threads
     * at once; every entry gets exactly one seq, the stored log is gapless, and it verifies.
     */
    @Test
    void twoReplicasAppendingAtOnceNeverFork() throws Exception {
        String run = UUID.randomUUID().toString();
        List<AuditLogStore> replicas = List.of(new AuditLogStore(db(), Clock.systemUTC()),
                new AuditLogStore(db(), Clock.systemUTC()));
        int writers = replicas.size() + 1;
        ExecutorService pool = Executors.newFixedThreadPool(writers * THREADS_PER_WRITER);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AuditRecord>>> results = new ArrayList<>();
        int expected = 0;
        for (int writer = 0; writer < writers; writer++) {
            for (int thread = 0; thread < THREADS_PER_WRITER; thread++) {
                int w = writer;
                int t = thread;
                expected += APPENDS_PER_THREAD * (1 + t % 3);
                Callable<List<AuditRecord>> appender = () -> {
                    start.await();
                    List<AuditRecord> appended = new ArrayList<>();
                    for (int a = 0; a < APPENDS_PER_THREAD; a++) {
                        List<AuditEntry> batch = new ArrayList<>();
                        for (int e = 0; e < 1 + t % 3; e++) {
                            batch.add(new AuditEntry("test.concurrent", "writer-" + w, null, data(run, w, t, a, e)));
                        }
                        appended.addAll(w < replicas.size() ? replicas.get(w).append(batch) : appLog.appendAll(batch));
                    }
                    return appended;
                };
                results.add(pool.submit(appender));
            }
        }
        start.countDown();
        List<AuditRecord> appended = new ArrayList<>();
        for (Future<List<AuditRecord>> result : results) {
            appended.addAll(result.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();

        Set<Long> seqs = new HashSet<>();
        appended.forEach(record -> assertTrue(seqs.add(record.seq()), "seq " + record.seq() + " given twice"));
        assertEquals(expected, seqs.size());

        LogHead head = replicas.getFirst().head();
        long highest = seqs.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(head.size() > highest, "the head covers every append");
        List<Long> stored = new ArrayList<>();
        records().find(Filters.lt("_id", head.size())).sort(Sorts.ascending("_id"))
                .projection(Projections.include("_id"))
                .forEach(doc -> stored.add(((Number) doc.get("_id")).longValue()));
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(i, stored.get(i), "the stored log has a gap or a repeat");
        }
        assertEquals(head.size(), stored.size());
        for (AuditRecord record : appended) {
            Document doc = records().find(Filters.eq("_id", record.seq())).first();
            assertEquals(record, RecordDocuments.toStoredRecord(doc).record(), "seq " + record.seq() + " holds what was appended");
        }

        JsonPath verification = AuditApi.verify();
        assertTrue(verification.getBoolean("valid"), verification.prettify());
        assertTrue(verification.getLong("size") >= head.size());
    }

    /** A writer that stored a record and died before moving the head: the next append completes it first. */
    @Test
    void aRecordLeftBeyondTheHeadIsRolledForwardByTheNextAppend() {
        AuditLogStore replica = new AuditLogStore(db(), Clock.systemUTC());
        AuditRecord orphan = insertBeyondHead(replica);
        assertEquals(orphan.seq(), replica.head().size(), "the orphan lies beyond the head");

        AuditRecord next = replica.append(List.of(new AuditEntry("test.after-crash", "tester", null,
                JsonNodeFactory.instance.objectNode()))).getFirst();

        assertTrue(next.seq() > orphan.seq());
        assertTrue(replica.head().size() > next.seq());
        assertEquals(orphan, replica.range(orphan.seq(), orphan.seq() + 1, 1).getFirst().record());
        assertTrue(AuditApi.verify().getBoolean("valid"));
    }

    @Test
    void anEntryWithASourceIdAlreadyInTheLogIsAppendedOnce() {
        AuditLogStore replica = new AuditLogStore(db(), Clock.systemUTC());
        String source = "test:" + UUID.randomUUID();
        AuditEntry entry = new AuditEntry("test.idempotent", "tester", "E1001",
                JsonNodeFactory.instance.objectNode().put("n", 1), source);

        AuditRecord first = appLog.append(entry);
        List<AuditRecord> again = replica.append(List.of(entry, entry));

        assertEquals(List.of(first, first), again);
        assertEquals(1, records().countDocuments(Filters.eq("sourceId", source)));
    }

    private MongoCollection<Document> records() {
        return db().getCollection(AuditLogStore.RECORDS);
    }

    /** Stores a record at the head's size without moving the head, as a crashed writer leaves it. */
    private AuditRecord insertBeyondHead(AuditLogStore replica) {
        while (true) {
            AuditRecord orphan = new AuditRecord(replica.rollForward().size(), Instant.now(), "test.orphan",
                    "crashed-writer", null, JsonNodeFactory.instance.objectNode().put("left", "beyond the head"));
            try {
                records().insertOne(RecordDocuments.toDocument(orphan, null));
                return orphan;
            } catch (com.mongodb.MongoWriteException e) {
                // Another writer took that seq meanwhile; try the next one.
            }
        }
    }
}
