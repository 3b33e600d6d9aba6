package io.mdm.testkit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack's MongoDB server (H2 file, {@link CompactH2Backend}) through the real driver:
 * documents of every kind the services store come back as written, also after a restart on the
 * same file, and unique indexes keep refusing duplicates, across restarts too.
 */
class PersistentMongoWireServerTest {

    @TempDir
    Path dir;

    @Test
    void documentsAndUniqueIndexesSurviveARestart() {
        Path file = dir.resolve("mongodb.mv");
        Document full = new Document("_id", "erin:" + UUID.randomUUID())
                .append("text", "grüße")
                .append("int", 7)
                .append("long", 1L << 40)
                .append("double", 2.5)
                .append("flag", true)
                .append("when", new Date(1_700_000_000_123L))
                .append("missing", null)
                .append("bytes", new Binary(new byte[]{0, 1, 2, (byte) 255}))
                .append("oid", new ObjectId())
                .append("nested", new Document("list", List.of("a", 1, new Document("b", 2L))));
        List<Document> many = IntStream.range(0, 2_000)
                .mapToObj(i -> new Document("_id", UUID.randomUUID().toString()).append("seq", (long) i)
                        .append("sourceId", "event-" + i))
                .toList();

        int port = FreePorts.next();
        onServer(file, port, db -> {
            db.getCollection("docs").insertOne(full);
            MongoCollection<Document> records = db.getCollection("records");
            records.createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true));
            records.createIndex(Indexes.ascending("sourceId"), new IndexOptions().unique(true).sparse(true));
            records.insertMany(many);
            assertDuplicatesRefused(records, many);
            records.updateOne(Filters.eq("_id", many.get(5).get("_id")), Updates.set("seq", 5_000L));
        });

        onServer(file, port, db -> {
            assertEquals(full, db.getCollection("docs").find(Filters.eq("_id", full.get("_id"))).first());

            MongoCollection<Document> records = db.getCollection("records");
            assertEquals(many.size(), records.countDocuments());
            assertEquals(many.get(1_234), records.find(Filters.eq("sourceId", "event-1234")).first());
            assertEquals(many.get(77).get("_id"), records.find(Filters.eq("seq", 77L)).first().get("_id"));
            // The update moved the document's key in the seq index: its old key is free again.
            assertNull(records.find(Filters.eq("seq", 5L)).first());
            assertEquals(many.get(5).get("_id"), records.find(Filters.eq("seq", 5_000L)).first().get("_id"));
            records.insertOne(new Document("_id", "new").append("seq", 5L));
            assertDuplicatesRefused(records, many);
            assertEquals(List.of(0L, 1L, 2L), records.find(Filters.lt("seq", 3L)).sort(Sorts.ascending("seq"))
                    .map(d -> d.getLong("seq")).into(new ArrayList<>()));
        });
    }

    /**
     * A query on the _id and more is looked up by the _id (see {@link CompactH2Backend.UniqueIndex})
     * and still answers by the whole query, in every form the services write it.
     */
    @Test
    void aQueryOnTheIdAndMoreMatchesTheWholeQuery() {
        onServer(dir.resolve("mongodb.mv"), FreePorts.next(), db -> {
            MongoCollection<Document> uploads = db.getCollection("uploads");
            uploads.insertMany(List.of(new Document("_id", "u1").append("state", "PENDING"),
                    new Document("_id", "u2").append("state", "COMPLETED"),
                    new Document("_id", "u3").append("state", "PENDING")));

            assertEquals(1, uploads.countDocuments(Filters.and(Filters.eq("_id", "u1"), Filters.eq("state", "PENDING"))));
            assertEquals(0, uploads.countDocuments(Filters.and(Filters.eq("_id", "u2"), Filters.eq("state", "PENDING"))));
            assertEquals(0, uploads.countDocuments(new Document("_id", "u1").append("state", "COMPLETED")));
            assertEquals(List.of("u1", "u3"), uploads.find(Filters.and(Filters.in("_id", "u1", "u2", "u3", "u4"),
                    Filters.eq("state", "PENDING"))).sort(Sorts.ascending("_id"))
                    .map(d -> d.getString("_id")).into(new ArrayList<>()));

            // A conditional update changes the document only while the rest of the filter holds.
            assertEquals(1, uploads.updateOne(Filters.and(Filters.eq("_id", "u1"), Filters.eq("state", "PENDING")),
                    Updates.set("state", "COMPLETED")).getModifiedCount());
            assertEquals(0, uploads.updateOne(Filters.and(Filters.eq("_id", "u1"), Filters.eq("state", "PENDING")),
                    Updates.set("state", "COMPLETED")).getModifiedCount());
            assertEquals(0, uploads.updateOne(Filters.and(Filters.eq("_id", "u2"), Filters.eq("state", "PENDING")),
                    Updates.set("state", "BROKEN")).getModifiedCount());
            assertEquals(List.of("COMPLETED", "COMPLETED", "PENDING"), uploads.find().sort(Sorts.ascending("_id"))
                    .map(d -> d.getString("state")).into(new ArrayList<>()));
        });
    }

    /**
     * Documents are stored under a sequence number (see {@link CompactH2Backend}): a scan returns
     * them in insertion order, and after a restart new documents continue the sequence instead of
     * overwriting the first ones.
     */
    @Test
    void documentsKeepTheirInsertionOrderAndTheSequenceContinuesAfterARestart() {
        Path file = dir.resolve("mongodb.mv");
        int port = FreePorts.next();
        onServer(file, port, db -> {
            MongoCollection<Document> docs = db.getCollection("docs");
            docs.insertMany(List.of(new Document("_id", "b"), new Document("_id", "a"), new Document("_id", "c"),
                    new Document("_id", "e")));
            docs.deleteOne(Filters.eq("_id", "e"));
            assertEquals(List.of("b", "a", "c"), ids(docs));
        });
        onServer(file, port, db -> {
            MongoCollection<Document> docs = db.getCollection("docs");
            docs.insertMany(List.of(new Document("_id", "d"), new Document("_id", "0")));
            assertEquals(List.of("b", "a", "c", "d", "0"), ids(docs));
            assertEquals("b", docs.find(Filters.eq("_id", "b")).first().getString("_id"));
        });
    }

    /**
     * The outbox relay's sparse index on {@code outbox.id} (see {@link CompactH2Backend.PresenceIndex}):
     * the query for documents with pending entries finds exactly those, as entries are pushed and
     * pulled and documents removed, for documents stored before the index was created, and after
     * a restart.
     */
    @Test
    void theQueryForPendingOutboxEntriesFindsExactlyTheDocumentsThatHaveSome() {
        Path file = dir.resolve("mongodb.mv");
        int port = FreePorts.next();
        onServer(file, port, db -> {
            MongoCollection<Document> uploads = db.getCollection("uploads");
            uploads.insertMany(List.of(pending("u1", "e1"), new Document("_id", "u2"), pending("u3", "e3", "e4")));
            uploads.createIndex(Indexes.ascending("outbox.id"), new IndexOptions().sparse(true));
            assertEquals(List.of("u1", "u3"), pendingIds(uploads));

            uploads.insertOne(pending("u4", "e5"));
            uploads.updateOne(Filters.eq("_id", "u2"), Updates.push("outbox", new Document("id", "e6")));
            uploads.updateOne(Filters.eq("_id", "u1"), Updates.pull("outbox", new Document("id", "e1")));
            uploads.updateOne(Filters.eq("_id", "u3"), Updates.pull("outbox", new Document("id", "e3")));
            assertEquals(List.of("u2", "u3", "u4"), pendingIds(uploads));
            uploads.deleteOne(Filters.eq("_id", "u4"));
            assertEquals(List.of("u2", "u3"), pendingIds(uploads));
        });
        onServer(file, port, db -> {
            MongoCollection<Document> uploads = db.getCollection("uploads");
            assertEquals(List.of("u2", "u3"), pendingIds(uploads));
            uploads.updateOne(Filters.eq("_id", "u3"), Updates.pull("outbox", new Document("id", "e4")));
            assertEquals(List.of("u2"), pendingIds(uploads));
            assertEquals(3, uploads.countDocuments(), "u1 and u3 are kept without entries, u4 is gone");
        });
    }

    private static Document pending(String id, String... eventIds) {
        return new Document("_id", id).append("outbox",
                java.util.Arrays.stream(eventIds).map(e -> new Document("id", e).append("topic", "t")).toList());
    }

    private static List<String> pendingIds(MongoCollection<Document> uploads) {
        return uploads.find(Filters.exists("outbox.id")).sort(Sorts.ascending("_id"))
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    /** A file of the stock H2 backend, documents under their _id, is refused rather than misread. */
    @Test
    void aFileOfTheStockBackendIsRefused() {
        Path file = dir.resolve("stock.mv");
        int port = FreePorts.next();
        de.bwaldvogel.mongo.MongoServer stock = new de.bwaldvogel.mongo.MongoServer(
                new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toString()));
        stock.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            client.getDatabase("t").getCollection("docs").insertOne(new Document("_id", "a"));
        } finally {
            stock.shutdownNow();
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> MongoWireServer.persistent(file, port).close());
        assertTrue(refused.getMessage().contains("written by another backend"), refused.getMessage());
    }

    /** Runs {@code work} on database {@code t} of a persistent server on {@code file}, then stops the server. */
    private static void onServer(Path file, int port, Consumer<MongoDatabase> work) {
        try (MongoWireServer server = MongoWireServer.persistent(file, port);
             MongoClient client = MongoClients.create(server.connectionString())) {
            work.accept(client.getDatabase("t"));
        }
    }

    private static List<String> ids(MongoCollection<Document> docs) {
        return docs.find().map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    private static void assertDuplicatesRefused(MongoCollection<Document> records, List<Document> stored) {
        MongoWriteException sameSeq = assertThrows(MongoWriteException.class, () -> records.insertOne(
                new Document("_id", "other-" + UUID.randomUUID()).append("seq", 1_000L)));
        assertEquals(ErrorCategory.DUPLICATE_KEY, sameSeq.getError().getCategory());
        MongoBulkWriteException sameIds = assertThrows(MongoBulkWriteException.class, () -> records.insertMany(
                stored.subList(0, 10), new InsertManyOptions().ordered(false)));
        assertEquals(10, sameIds.getWriteErrors().size());
        MongoWriteException sameSource = assertThrows(MongoWriteException.class, () -> records.insertOne(
                new Document("_id", "other-" + UUID.randomUUID()).append("seq", 9_999L).append("sourceId", "event-3")));
        assertEquals(ErrorCategory.DUPLICATE_KEY, sameSource.getError().getCategory());
    }
}
