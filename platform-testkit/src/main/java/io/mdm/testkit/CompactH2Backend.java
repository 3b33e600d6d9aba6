package io.mdm.testkit;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * mongo-java-server's H2 backend without its largest costs, for the local stack's server. The
 * stock backend compares two index keys in its B-trees by Java-serializing both (a key is not
 * {@code Comparable}), keeps keys and documents Java-serialized, stores documents under their _id
 * (so new ones land at random places and each commit rewrites most of the collection), and
 * scans the whole collection for a query that names the _id and anything else: under ingest
 * load that was most of the server's CPU, growing with the data. Here keys made of strings,
 * numbers of one type, dates or booleans compare by value; keys and documents are kept as BSON
 * (a value BSON cannot hold falls back to the stock encoding); documents are stored under a
 * sequence number; a unique index serves any query that names its keys; and a sparse index on one
 * field, which the stock backend ignores, serves the query for documents that have the field.
 * Everything else is the stock backend.
 *
 * <p>The B-trees' order and the documents' encoding and keys differ from the stock backend's,
 * so a file written by one cannot be read by the other: the local stack keeps this one under its
 * own name, and a file of the stock layout is refused.
 */
final class CompactH2Backend extends H2Backend {

    CompactH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new CompactDatabase(databaseName);
    }

    /**
     * Opens collections and unique indexes with the data types below, under the stock map names.
     * An inner class: the super constructor already opens the collections that exist, before any
     * field of this class could be set, so the store is taken from the backend.
     */
    private final class CompactDatabase extends H2Database {

        CompactDatabase(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace,
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
            MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
            return new SequencedCollection(this, collectionName, options, data, meta);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
            MVMap<KeyValue, Object> map = getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_"
                    + indexName, new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeyType()));
            return new UniqueIndex(map, indexName, keys, sparse);
        }

        /**
         * The stock backend ignores every index that is not unique. A sparse one on one field
         * becomes a {@link PresenceIndex}, so that the outbox relay's query for pending entries
         * reads the documents that have some instead of the whole collection; others stay ignored.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                          List<IndexKey> keys, boolean sparse) {
            if (!sparse || keys.size() != 1) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
            MVMap<KeyValue, Object> map = getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_"
                    + indexName, new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeyType()));
            return new PresenceIndex(map, indexName, keys.getFirst());
        }
    }

    /**
     * A sparse, non-unique index on one field that answers only whether a document has it: the
     * positions of the documents whose field exists, by their _id. It serves exactly the query
     * {@code {field: {$exists: true}}}, with the server's own matcher deciding what exists (an
     * array of subdocuments has {@code outbox.id} if one of them has an id). When it is created,
     * or opened empty, the collection fills it from its documents.
     */
    static final class PresenceIndex extends Index<Object> {

        private final MVMap<KeyValue, Object> positionsById;
        private final Document presence;
        private final DefaultQueryMatcher matcher = new DefaultQueryMatcher();

        PresenceIndex(MVMap<KeyValue, Object> positionsById, String name, IndexKey key) {
            super(name, List.of(key), true);
            this.positionsById = positionsById;
            this.presence = new Document(key.getKey(), new Document("$exists", true));
        }

        private boolean hasField(Document document) {
            return matcher.matches(document, presence);
        }

        private static KeyValue id(Document document) {
            return new KeyValue(document.get("_id"));
        }

        @Override
        public boolean canHandle(Document query) {
            return presence.equals(query);
        }

        @Override
        public Iterable<Object> getPositions(Document query) {
            return List.copyOf(positionsById.values());
        }

        @Override
        public Object getPosition(Document document) {
            return positionsById.get(id(document));
        }

        @Override
        public void checkAdd(Document document, MongoCollection<Object> collection) {
            // Not unique: nothing to refuse.
        }

        @Override
        public void add(Document document, Object position, MongoCollection<Object> collection) {
            if (hasField(document)) {
                positionsById.put(id(document), position);
            }
        }

        @Override
        public Object remove(Document document) {
            return positionsById.remove(id(document));
        }

        @Override
        public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
            // Not unique: nothing to refuse.
        }

        @Override
        public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                  MongoCollection<Object> collection) {
            if (hasField(newDocument)) {
                positionsById.put(id(newDocument), position);
            } else {
                positionsById.remove(id(oldDocument));
            }
        }

        @Override
        public long getCount() {
            return positionsById.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return positionsById.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }

        @Override
        public void drop() {
            positionsById.clear();
        }
    }

    /**
     * The stock H2 collection with its documents under a sequence number instead of their _id.
     * The stock key made the documents' B-tree grow at random places (ids come from phones as
     * UUIDs), so each commit wrote again most of its leaves, documents and all: a write cost that
     * grew with the collection. Under a sequence, new documents only ever append, and the _id index
     * finds them. A scan also returns documents in insertion order, as MongoDB mostly does.
     */
    private final class SequencedCollection extends H2Collection {

        private final MVMap<Object, Document> data;
        private long lastPosition;

        SequencedCollection(MongoDatabase database, String name, CollectionOptions options,
                            MVMap<Object, Document> data, MVMap<String, Object> meta) {
            super(database, name, options, data, meta, getCursorRegistry());
            this.data = data;
            Object last = data.isEmpty() ? 0L : data.lastKey();
            if (!(last instanceof Long position)) {
                throw new IllegalStateException("collection " + getFullName()
                        + " was written by another backend (documents not under sequence numbers)");
            }
            this.lastPosition = position;
        }

        @Override
        protected synchronized Object addDocumentInternal(Document document) {
            lastPosition++;
            data.put(lastPosition, document);
            return lastPosition;
        }
    }

    /**
     * The stock H2 unique index, on a map whose keys compare by value, that also serves a query
     * naming its keys among others. The stock index serves only a query on exactly its keys, so
     * {@code {_id: x, state: "PENDING"}} (or the driver's {@code $and} of the two) read the whole
     * collection. The collection matches every document an index hands back against the whole
     * query, so the index may look up its own part of a larger one.
     */
    static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private static final String AND = "$and";

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        public synchronized boolean canHandle(Document query) {
            return super.canHandle(ownPart(query));
        }

        @Override
        public synchronized Iterable<Object> getPositions(Document query) {
            return super.getPositions(ownPart(query));
        }

        /**
         * The conditions of {@code query} on this index's keys, from its top level and its
         * top-level {@code $and}s; the query itself when they do not name every key exactly once,
         * which leaves the decision to the stock rules.
         */
        Document ownPart(Document query) {
            Document own = new Document();
            return collectOwn(query, own) && own.keySet().equals(keySet()) ? own : query;
        }

        private boolean collectOwn(Document query, Document own) {
            for (Map.Entry<String, Object> condition : query.entrySet()) {
                if (condition.getKey().equals(AND) && condition.getValue() instanceof List<?> parts) {
                    for (Object part : parts) {
                        if (!(part instanceof Document conditions) || !collectOwn(conditions, own)) {
                            return false;
                        }
                    }
                } else if (keySet().contains(condition.getKey())) {
                    if (own.containsKey(condition.getKey())) {
                        return false;
                    }
                    own.put(condition.getKey(), condition.getValue());
                }
            }
            return true;
        }

        /**
         * The collection checks every index before it adds a document to any, and the stock add
         * checked again: a second B-tree lookup per key of every insert. The put still refuses a
         * key that is taken. A sparse index keeps the stock add, which knows which documents it skips.
         */
        @Override
        public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
            if (isSparse()) {
                super.add(document, position, collection);
                return;
            }
            for (KeyValue key : getKeyValues(document)) {
                if (!putKeyPosition(key, position)) {
                    throw new IllegalStateException("key " + key + " of index " + getName() + " taken after its check");
                }
            }
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * Index keys: ordered by their values where those are of one plain type, a total order
     * consistent with {@link KeyValue#equals} (the index only needs one for lookups, it never reads
     * its keys in order), and stored as BSON, or as a bare string for the most common key, one
     * string (an _id); other values keep the stock order and encoding.
     */
    static final class ValueOrderedKeyType extends ObjectDataType {

        /** Marks a key written as BSON: above every tag {@link ObjectDataType} writes (at most 119). */
        private static final byte BSON_KEY = 127;
        /** Marks a key of one string, written as H2 writes strings. */
        private static final byte STRING_KEY = 126;
        private static final String VALUES = "v";

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue x && b instanceof KeyValue y) {
                if (x.size() != y.size()) {
                    return Integer.compare(x.size(), y.size());
                }
                for (int i = 0; i < x.size(); i++) {
                    int c = compareValues(x.get(i), y.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            return super.compare(a, b);
        }

        private int compareValues(Object a, Object b) {
            int rankA = plainRank(a);
            int rankB = plainRank(b);
            if (rankA != rankB) {
                return Integer.compare(rankA, rankB);
            }
            return switch (a) {
                case String text -> text.compareTo((String) b);
                case Long number -> number.compareTo((Long) b);
                case Integer number -> number.compareTo((Integer) b);
                case Double number -> number.compareTo((Double) b);
                case Date date -> date.compareTo((Date) b);
                case Boolean flag -> flag.compareTo((Boolean) b);
                case null, default -> super.compare(a, b);
            };
        }

        /** 0 to 5 for the plain types, compared by value; 6 for everything else, in the stock order. */
        private static int plainRank(Object value) {
            return switch (value) {
                case String ignored -> 0;
                case Long ignored -> 1;
                case Integer ignored -> 2;
                case Double ignored -> 3;
                case Date ignored -> 4;
                case Boolean ignored -> 5;
                case null, default -> 6;
            };
        }

        @Override
        public void write(WriteBuffer buffer, Object key) {
            if (key instanceof KeyValue keyValue && keyValue.size() == 1 && keyValue.get(0) instanceof String text) {
                buffer.put(STRING_KEY).putVarInt(text.length()).putStringData(text, text.length());
                return;
            }
            if (key instanceof KeyValue keyValue) {
                ByteBuf bson = Bson.encode(new Document(VALUES, keyValue.stream().toList()));
                if (bson != null) {
                    buffer.put(BSON_KEY);
                    Bson.put(buffer, bson);
                    return;
                }
            }
            super.write(buffer, key);
        }

        @Override
        public Object read(ByteBuffer buffer) {
            return switch (buffer.get(buffer.position())) {
                case STRING_KEY -> {
                    buffer.get();
                    yield new KeyValue(DataUtils.readString(buffer));
                }
                case BSON_KEY -> {
                    buffer.get();
                    yield new KeyValue((List<?>) Bson.read(buffer).get(VALUES));
                }
                default -> super.read(buffer);
            };
        }
    }

    /** Documents as BSON, the server's own wire encoding, instead of Java serialization. */
    static final class BsonDocumentType extends BasicDataType<Document> {

        /** An estimate for the page cache, as H2 allows; encoding to measure would cost a write. */
        @Override
        public int getMemory(Document document) {
            return 64 + document.values().stream().mapToInt(BsonDocumentType::memoryOf).sum();
        }

        private static int memoryOf(Object value) {
            return switch (value) {
                case String text -> 48 + text.length();
                case BinData binary -> 32 + binary.getData().length;
                case Document document -> 32 + document.values().stream().mapToInt(BsonDocumentType::memoryOf).sum();
                case List<?> list -> 32 + list.stream().mapToInt(BsonDocumentType::memoryOf).sum();
                case null, default -> 24;
            };
        }

        private static final byte BSON = 0;
        /** A document holding a value BSON cannot (none the services write): Java-serialized, as stock. */
        private static final byte SERIALIZED = 1;

        @Override
        public void write(WriteBuffer buffer, Document document) {
            ByteBuf bson = Bson.encode(document);
            if (bson != null) {
                buffer.put(BSON);
                Bson.put(buffer, bson);
                return;
            }
            byte[] serialized = ObjectDataType.serialize(document);
            buffer.put(SERIALIZED).putVarInt(serialized.length).put(serialized);
        }

        @Override
        public Document read(ByteBuffer buffer) {
            if (buffer.get() == BSON) {
                return Bson.read(buffer);
            }
            byte[] serialized = new byte[DataUtils.readVarInt(buffer)];
            buffer.get(serialized);
            return (Document) ObjectDataType.deserialize(serialized);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** Length-prefixed BSON in H2 pages, encoded in a buffer each thread reuses. */
    private static final class Bson {

        private static final ThreadLocal<ByteBuf> BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(4_096));

        /** The document in this thread's buffer, or null if it holds a value BSON cannot. */
        static ByteBuf encode(Document document) {
            ByteBuf bson = BUFFER.get().clear();
            try {
                BsonEncoder.encodeDocument(document, bson);
                return bson;
            } catch (RuntimeException e) {
                return null;
            }
        }

        static void put(WriteBuffer buffer, ByteBuf bson) {
            buffer.putVarInt(bson.readableBytes());
            buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
        }

        static Document read(ByteBuffer buffer) {
            int length = DataUtils.readVarInt(buffer);
            ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length));
            buffer.position(buffer.position() + length);
            return BsonDecoder.decodeBson(bson);
        }
    }
}
