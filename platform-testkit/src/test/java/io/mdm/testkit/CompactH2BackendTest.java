package io.mdm.testkit;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two data types and the unique index of {@link CompactH2Backend}, without a server. */
class CompactH2BackendTest {

    private final CompactH2Backend.ValueOrderedKeyType keys = new CompactH2Backend.ValueOrderedKeyType();
    private final CompactH2Backend.BsonDocumentType documents = new CompactH2Backend.BsonDocumentType();

    /** Index keys of every kind an index may hold, plain and not, some equal to each other. */
    private final List<KeyValue> samples = List.of(
            new KeyValue("a"), new KeyValue("b"), new KeyValue("a"), new KeyValue(""), new KeyValue("grüße 😀"),
            new KeyValue(1L), new KeyValue(2L),
            new KeyValue(1), new KeyValue(1.5), new KeyValue(new Date(5)), new KeyValue(true), new KeyValue((Object) null),
            new KeyValue(new Document("x", 1)), new KeyValue(new Document("x", 2)), new KeyValue(List.of(1, 2)),
            new KeyValue("a", 1L), new KeyValue("a", 2L), new KeyValue(1L, "a"), new KeyValue(Missing.getInstance()));

    @Test
    void aUniqueIndexServesAQueryThatNamesItsKeysAmongOthers() {
        try (MVStore store = new MVStore.Builder().open()) {
            MVMap<KeyValue, Object> map = store.openMap("index", new MVMap.Builder<KeyValue, Object>().keyType(keys));
            CompactH2Backend.UniqueIndex byId = new CompactH2Backend.UniqueIndex(map, "_id_",
                    List.of(new IndexKey("_id", true)), false);
            Document exact = new Document("_id", "u1");
            Document flat = new Document("_id", "u1").append("state", "PENDING");
            Document and = new Document("$and", List.of(new Document("_id", "u1"), new Document("state", "PENDING")));
            Document nestedAnd = new Document("$and", List.of(new Document("$and", List.of(exact)),
                    new Document("$or", List.of(new Document("state", "A"), new Document("state", "B")))));

            for (Document query : List.of(exact, flat, and, nestedAnd)) {
                assertEquals(exact, byId.ownPart(query), query.toString());
                assertTrue(byId.canHandle(query), query.toString());
            }
            Document in = new Document("_id", new Document("$in", List.of("u1", "u2"))).append("uploadId", "x");
            assertEquals(new Document("_id", new Document("$in", List.of("u1", "u2"))), byId.ownPart(in));
            assertTrue(byId.canHandle(in));

            // Not its keys, or a key named twice: the stock rules decide, and they scan.
            Document other = new Document("state", "PENDING");
            Document twice = new Document("$and", List.of(new Document("_id", "u1"), new Document("_id", "u2")));
            Document orOfIds = new Document("$or", List.of(new Document("_id", "u1"), new Document("_id", "u2")));
            for (Document query : List.of(other, twice, orOfIds)) {
                assertSame(query, byId.ownPart(query), query.toString());
                assertFalse(byId.canHandle(query), query.toString());
            }
        }
    }

    @Test
    void aPresenceIndexServesOnlyTheQueryForDocumentsThatHaveItsField() {
        try (MVStore store = new MVStore.Builder().open()) {
            CompactH2Backend.PresenceIndex pending = new CompactH2Backend.PresenceIndex(
                    store.openMap("index", new MVMap.Builder<KeyValue, Object>().keyType(keys)), "outbox.id_1",
                    new IndexKey("outbox.id", true));
            Document with = new Document("_id", "u1").append("outbox", List.of(new Document("id", "e1")));
            Document without = new Document("_id", "u2").append("outbox", List.of());
            pending.add(with, 1L, null);
            pending.add(without, 2L, null);

            Document exists = new Document("outbox.id", new Document("$exists", true));
            assertTrue(pending.canHandle(exists));
            assertEquals(List.of(1L), pending.getPositions(exists));
            assertFalse(pending.canHandle(new Document("outbox.id", "e1")));
            assertFalse(pending.canHandle(new Document("outbox.id", new Document("$exists", false))));

            pending.updateInPlace(with, new Document("_id", "u1").append("outbox", List.of()), 1L, null);
            assertTrue(pending.isEmpty(), "an update that takes the last entry out takes the document out");
            assertNull(pending.remove(with));
        }
    }

    @Test
    void keysAreInATotalOrderThatAgreesWithEquals() {
        for (KeyValue a : samples) {
            for (KeyValue b : samples) {
                int ab = Integer.signum(keys.compare(a, b));
                assertEquals(-ab, Integer.signum(keys.compare(b, a)), a + " / " + b);
                assertEquals(a.equals(b), ab == 0, a + " / " + b);
                for (KeyValue c : samples) {
                    if (ab < 0 && keys.compare(b, c) < 0) {
                        assertTrue(keys.compare(a, c) < 0, a + " < " + b + " < " + c);
                    }
                }
            }
        }
        assertTrue(keys.compare(new KeyValue("erin:0a"), new KeyValue("erin:0b")) < 0, "strings by value");
        assertTrue(keys.compare(new KeyValue(9L), new KeyValue(10L)) < 0, "numbers by value");
    }

    @Test
    void keysReadBackEqualWhateverTheyHold() {
        for (KeyValue key : samples) {
            WriteBuffer buffer = new WriteBuffer();
            keys.write(buffer, key);
            ByteBuffer written = buffer.getBuffer().flip();
            Object read = keys.read(written);
            // Missing has no equals (a copy is another instance, as with the stock backend), so
            // the index's own comparison is what must find the key again.
            assertEquals(0, keys.compare(key, read), key.toString());
            assertEquals(key.toString(), read.toString());
            assertEquals(0, written.remaining(), key + " read to its end");
        }
    }

    @Test
    void documentsReadBackEqualAndConsumeExactlyTheirBytes() {
        Document message = new Document("_id", "erin:1").append("sentAt", new Date(1_700_000_000_000L))
                .append("ciphertext", new BinData(new byte[]{1, 2, 3})).append("retentionDays", 365)
                .append("deletedOnDeviceAt", null).append("keys", new ArrayList<>(List.of("a", "b")))
                .append("head", new Document("size", 3L));
        Document odd = new Document("_id", 2).append("marker", Missing.getInstance());
        WriteBuffer buffer = new WriteBuffer();
        documents.write(buffer, message);
        documents.write(buffer, odd);
        ByteBuffer written = buffer.getBuffer().flip();

        assertEquals(message, documents.read(written));
        Document oddRead = documents.read(written);
        assertEquals(2, oddRead.get("_id"));
        assertTrue(oddRead.get("marker") instanceof Missing, "a value BSON cannot hold is kept the stock way");
        assertEquals(0, written.remaining());
    }
}
