package io.mdm.testkit;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
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
 * mongo-java-server's H2 backend without its two largest costs, for the local stack's server.
 * The stock backend compares two index keys in its B-trees by Java-serializing both (a key is
 * not {@code Comparable}) and keeps keys and documents Java-serialized: under ingest load that was
 * most of the server's CPU. Here keys made of strings, numbers of one type, dates or booleans
 * compare by value, and keys and documents are kept as BSON (a value BSON cannot hold falls back
 * to the stock encoding). Everything else is the stock backend.
 *
 * <p>The B-trees' order and the documents' encoding differ from the stock backend's, so a file
 * written by one cannot be read by the other: the local stack keeps this one under its own name.
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
            return new H2Collection(this, collectionName, options, data, meta, getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
            MVMap<KeyValue, Object> map = getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_"
                    + indexName, new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeyType()));
            return new UniqueIndex(map, indexName, keys, sparse);
        }
    }

    /** The stock H2 unique index, on a map whose keys compare by value. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
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
     * its keys in order), and stored as BSON; other values keep the stock order and encoding.
     */
    static final class ValueOrderedKeyType extends ObjectDataType {

        /** Marks a key written as BSON: above every tag {@link ObjectDataType} writes (at most 119). */
        private static final byte BSON_KEY = 127;
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
            if (buffer.get(buffer.position()) != BSON_KEY) {
                return super.read(buffer);
            }
            buffer.get();
            return new KeyValue((List<?>) Bson.read(buffer).get(VALUES));
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
