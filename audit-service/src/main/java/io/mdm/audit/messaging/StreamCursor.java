package io.mdm.audit.messaging;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.mdm.contracts.Topics;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * How far the audit stream has been published, in {@value #COLLECTION}: one document
 * {@code {_id: "mdm.audit.v1", nextSeq, checkpointTreeSize, owner, leaseUntil}}. It moves only
 * after the broker acknowledged. A lease on the same document lets one replica at a time
 * publish, so that replicas do not interleave copies of the stream.
 */
final class StreamCursor {

    static final String COLLECTION = "audit_stream_cursor";

    private static final String ID = "_id";
    private static final String NEXT_SEQ = "nextSeq";
    private static final String CHECKPOINT_TREE_SIZE = "checkpointTreeSize";
    private static final String OWNER = "owner";
    private static final String LEASE_UNTIL = "leaseUntil";

    /**
     * @param nextSeq            the seq of the first record not yet published
     * @param checkpointTreeSize the tree size of the last checkpoint published, 0 before the first
     */
    record Position(long nextSeq, long checkpointTreeSize) {
    }

    private final MongoCollection<Document> cursors;
    private final String owner = UUID.randomUUID().toString();

    StreamCursor(MongoDatabase database) {
        this.cursors = database.getCollection(COLLECTION);
    }

    /** Takes or renews the lease until {@code now + length}; false while another replica holds it. */
    boolean lease(Instant now, Duration length) {
        Date until = Date.from(now.plus(length));
        if (cursors.updateOne(Filters.and(Filters.eq(ID, Topics.AUDIT),
                                Filters.or(Filters.eq(OWNER, owner), Filters.lte(LEASE_UNTIL, Date.from(now)))),
                        Updates.combine(Updates.set(OWNER, owner), Updates.set(LEASE_UNTIL, until)))
                .getMatchedCount() == 1) {
            return true;
        }
        try {
            cursors.insertOne(new Document(ID, Topics.AUDIT).append(NEXT_SEQ, 0L).append(CHECKPOINT_TREE_SIZE, 0L)
                    .append(OWNER, owner).append(LEASE_UNTIL, until));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    Position position() {
        Document doc = cursors.find(Filters.eq(ID, Topics.AUDIT)).first();
        if (doc == null) {
            return new Position(0, 0);
        }
        return new Position(((Number) doc.get(NEXT_SEQ)).longValue(), ((Number) doc.get(CHECKPOINT_TREE_SIZE)).longValue());
    }

    /** Moves the cursor, if this replica still holds the lease. */
    boolean advance(Position to) {
        return cursors.updateOne(Filters.and(Filters.eq(ID, Topics.AUDIT), Filters.eq(OWNER, owner)),
                Updates.combine(Updates.set(NEXT_SEQ, to.nextSeq()),
                        Updates.set(CHECKPOINT_TREE_SIZE, to.checkpointTreeSize()))).getMatchedCount() == 1;
    }
}
