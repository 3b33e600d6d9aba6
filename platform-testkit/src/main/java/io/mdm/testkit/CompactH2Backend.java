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
import java.util.Set;

/**
 * mongo-java-server's H2 backend without its two largest costs, for the local stack's server.
 * The stock backend compares two index keys in its B-trees by Java-serializing both (a key is
 * not {@code Comparable}) and keeps documents Java-serialized: under ingest load that was most of
 * the server's CPU. Here keys made of strings, numbers of one type, dates or booleans compare by
 * value, and documents are kept as BSON. Everything else is the stock backend.
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
     * Index keys stored as the stock backend stores them, ordered by their values where those are
     * of one plain type: a total order consistent with {@link KeyValue#equals}, since the index only
     * needs one for lookups (it never reads the keys in order). Other values keep the stock order.
     */
    static final class ValueOrderedKeyType extends ObjectDataType {

        private static final Set<Class<?>> BY_VALUE = Set.of(String.class, Long.class, Integer.class, Double.class,
                Date.class, Boolean.class);

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

        @SuppressWarnings({"unchecked", "rawtypes"})
        private int compareValues(Object a, Object b) {
            Class<?> ca = a == null ? null : a.getClass();
            Class<?> cb = b == null ? null : b.getClass();
            if (ca != null && ca == cb && BY_VALUE.contains(ca)) {
                return ((Comparable) a).compareTo(b);
            }
            boolean plainA = ca != null && BY_VALUE.contains(ca);
            boolean plainB = cb != null && BY_VALUE.contains(cb);
            if (plainA && plainB) {
                return ca.getName().compareTo(cb.getName());
            }
            if (plainA != plainB) {
                return plainA ? -1 : 1;
            }
            return super.compare(a, b);
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

        @Override
        public void write(WriteBuffer buffer, Document document) {
            ByteBuf bson = Unpooled.buffer();
            try {
                BsonEncoder.encodeDocument(document, bson);
                buffer.putVarInt(bson.readableBytes());
                byte[] bytes = new byte[bson.readableBytes()];
                bson.readBytes(bytes);
                buffer.put(bytes);
            } finally {
                bson.release();
            }
        }

        @Override
        public Document read(ByteBuffer buffer) {
            byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
            buffer.get(bytes);
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }
}
