package io.mdm.audit.log.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.mdm.audit.log.Checkpoint;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Signed checkpoints in {@value #COLLECTION}, one per tree size ({@code _id} = treeSize), never
 * changed: of two replicas that sign the same size, the first one's checkpoint stays.
 */
public final class CheckpointStore {

    public static final String COLLECTION = "audit_checkpoints";

    private static final String ID = "_id";

    private final MongoCollection<Document> checkpoints;

    public CheckpointStore(MongoDatabase database) {
        this.checkpoints = database.getCollection(COLLECTION);
    }

    /** Stores the checkpoint; false when one of the same tree size is already stored. */
    public boolean add(Checkpoint checkpoint) {
        try {
            checkpoints.insertOne(new Document(ID, checkpoint.treeSize())
                    .append("origin", checkpoint.origin())
                    .append("rootHash", checkpoint.rootHashBase64())
                    .append("time", Date.from(checkpoint.time()))
                    .append("keyId", checkpoint.keyId())
                    .append("signature", checkpoint.signatureBase64())
                    .append("body", checkpoint.body()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /** The checkpoint of the largest tree. */
    public Optional<Checkpoint> latest() {
        return Optional.ofNullable(checkpoints.find().sort(Sorts.descending(ID)).first()).map(CheckpointStore::toCheckpoint);
    }

    /** Every checkpoint, smallest tree first. */
    public List<Checkpoint> all() {
        return checkpoints.find().sort(Sorts.ascending(ID)).map(CheckpointStore::toCheckpoint).into(new ArrayList<>());
    }

    /** Checkpoints with {@code afterTreeSize < treeSize <= upToTreeSize}, smallest first. */
    public List<Checkpoint> between(long afterTreeSize, long upToTreeSize) {
        return checkpoints.find(Filters.and(Filters.gt(ID, afterTreeSize), Filters.lte(ID, upToTreeSize)))
                .sort(Sorts.ascending(ID)).map(CheckpointStore::toCheckpoint).into(new ArrayList<>());
    }

    private static Checkpoint toCheckpoint(Document doc) {
        return new Checkpoint(doc.getString("origin"), ((Number) doc.get(ID)).longValue(),
                Base64.getDecoder().decode(doc.getString("rootHash")), doc.getDate("time").toInstant(),
                doc.getString("keyId"), Base64.getDecoder().decode(doc.getString("signature")), doc.getString("body"));
    }
}
