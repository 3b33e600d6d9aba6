package io.mdm.backup.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mdm.backup.domain.WrappedKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.types.Binary;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * The wrapped employee data keys, one document per employee in collection {@value #COLLECTION}:
 * {@code {_id: employeeId, wrapped, createdAt}}. The unique {@code _id} makes
 * {@link #insertIfAbsent} atomic across replicas.
 */
@ApplicationScoped
public class MongoWrappedKeyStore implements WrappedKeyStore {

    static final String COLLECTION = "employee_keys";
    private static final String WRAPPED = "wrapped";

    private final MongoCollection<Document> keys;
    private final Clock clock;

    public MongoWrappedKeyStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                Clock clock) {
        this.keys = mongo.getDatabase(database).getCollection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> find(String employeeId) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", employeeId)).first())
                .map(doc -> doc.get(WRAPPED, Binary.class).getData());
    }

    @Override
    public byte[] insertIfAbsent(String employeeId, byte[] wrappedKey) {
        try {
            keys.insertOne(new Document("_id", employeeId)
                    .append(WRAPPED, new Binary(wrappedKey))
                    .append("createdAt", Date.from(clock.instant())));
            return wrappedKey;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another replica stored the employee's first key a moment earlier: that one counts.
            return find(employeeId).orElseThrow(() -> new IllegalStateException(
                    "the employee's data key was destroyed while another one was being created"));
        }
    }

    @Override
    public void delete(String employeeId) {
        keys.deleteOne(Filters.eq("_id", employeeId));
    }
}
