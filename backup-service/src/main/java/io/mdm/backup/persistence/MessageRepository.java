package io.mdm.backup.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.mdm.backup.DeviceDeletion;
import io.mdm.backup.domain.Direction;
import io.mdm.backup.domain.SealedMessage;
import io.mdm.backup.read.ReadScope;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The archived chat messages, one document per (employee, message) in collection
 * {@value #COLLECTION}. In clear only what retention, scoping and idempotency need; sender,
 * recipients, body and attachments are in {@code ciphertext}, sealed with the employee's key.
 * A message is never changed except for its deleted-on-device mark, and removed only by retention.
 */
@ApplicationScoped
public class MessageRepository {

    static final String COLLECTION = "messages";

    static final String EMPLOYEE_ID = "employeeId";
    static final String DEVICE_ID = "deviceId";
    static final String MESSAGE_ID = "messageId";
    static final String APP = "app";
    static final String CONVERSATION_ID = "conversationId";
    static final String SENT_AT = "sentAt";
    static final String DIRECTION = "direction";
    static final String RECEIVED_AT = "receivedAt";
    static final String RETENTION_DAYS = "retentionDays";
    static final String EXPIRES_AT = "expiresAt";
    static final String DELETED_ON_DEVICE_AT = "deletedOnDeviceAt";
    static final String CIPHERTEXT = "ciphertext";
    /** The upload that stored the message, so that an interrupted upload can still be counted. */
    static final String UPLOAD_ID = "uploadId";
    /** The deletion report that set {@code deletedOnDeviceAt}, for the same reason. */
    static final String DELETION_UPLOAD_ID = "deletionUploadId";

    /** What one insert of a batch did; a message stored before is a duplicate, not an error. */
    public record Archived(int accepted, int duplicates) {
    }

    /** How much of an employee's backup exists; the instants are null when there is none. */
    public record Summary(long messageCount, Instant firstSentAt, Instant lastSentAt) {
    }

    /** A message whose retention period is over, with what retention decides on. */
    public record Expired(String key, String employeeId, Instant sentAt, int retentionDays, Instant expiresAt) {
    }

    /** A stored message as the read path gets it: still sealed, with its deleted-on-device mark (or null). */
    public record StoredMessage(String key, SealedMessage sealed, Instant deletedOnDeviceAt) {
    }

    /** Where a page of the read path ended: the last message's sentAt and document id. */
    public record Position(Instant sentAt, String key) {
    }

    private final MongoCollection<Document> messages;

    public MessageRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.messages = mongo.getDatabase(database).getCollection(COLLECTION);
        // The read path (employee and time range, optionally one conversation, paged in (sentAt, _id)
        // order) and the summary.
        messages.createIndex(Indexes.ascending(EMPLOYEE_ID, SENT_AT, "_id"));
        messages.createIndex(Indexes.ascending(EMPLOYEE_ID, CONVERSATION_ID, SENT_AT, "_id"));
        // Retention: expiresAt is sentAt + retentionDays, fixed at ingest, so a run reads only
        // what has expired instead of every message older than the shortest retention period.
        messages.createIndex(Indexes.ascending(EXPIRES_AT, "_id"));
    }

    /**
     * The document id of a message: per employee, since message ids come from phones. The id is a
     * UUID, compared in lower case like {@link io.mdm.backup.domain.MessageSealer} does, and holds
     * no colon, so the last colon separates the two parts.
     */
    public static String key(String employeeId, String messageId) {
        return employeeId + ":" + messageId.toLowerCase(Locale.ROOT);
    }

    /**
     * Stores sealed messages in one unordered insert: messages stored before (same employee and
     * message id) are counted as duplicates and the rest is still stored.
     */
    public Archived insert(String employeeId, String deviceId, String uploadId, List<SealedMessage> sealed,
                           Instant receivedAt, int retentionDays) {
        List<Document> docs = new ArrayList<>(sealed.size());
        for (SealedMessage m : sealed) {
            // A BSON date keeps milliseconds; expiry is computed from what is stored.
            Date sentAt = Date.from(m.sentAt());
            docs.add(new Document("_id", key(employeeId, m.messageId()))
                    .append(EMPLOYEE_ID, employeeId)
                    .append(DEVICE_ID, deviceId)
                    .append(MESSAGE_ID, m.messageId().toLowerCase(Locale.ROOT))
                    .append(APP, m.app())
                    .append(CONVERSATION_ID, m.conversationId())
                    .append(SENT_AT, sentAt)
                    .append(DIRECTION, m.direction().name())
                    .append(RECEIVED_AT, Date.from(receivedAt))
                    .append(RETENTION_DAYS, retentionDays)
                    .append(EXPIRES_AT, Date.from(sentAt.toInstant().plus(Duration.ofDays(retentionDays))))
                    .append(DELETED_ON_DEVICE_AT, null)
                    .append(CIPHERTEXT, new Binary(m.ciphertext()))
                    .append(UPLOAD_ID, uploadId));
        }
        try {
            messages.insertMany(docs, new InsertManyOptions().ordered(false));
            return new Archived(docs.size(), 0);
        } catch (MongoBulkWriteException e) {
            int duplicates = 0;
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                duplicates++;
            }
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            // Unordered, every document was either stored or refused with an error of its own.
            return new Archived(docs.size() - duplicates, duplicates);
        }
    }

    /**
     * Marks the employee's messages as deleted on the device, in one bulk write. A message keeps the
     * first deletion time reported; unknown ids (another employee's, or not uploaded yet) change
     * nothing. Returns how many messages this call marked.
     */
    public int markDeletedOnDevice(String employeeId, String uploadId, List<DeviceDeletion> deletions) {
        List<UpdateOneModel<Document>> updates = deletions.stream()
                .map(d -> new UpdateOneModel<Document>(
                        Filters.and(Filters.eq("_id", key(employeeId, d.messageId())),
                                Filters.eq(DELETED_ON_DEVICE_AT, null)),
                        Updates.combine(Updates.set(DELETED_ON_DEVICE_AT, Date.from(d.deletedAt())),
                                Updates.set(DELETION_UPLOAD_ID, uploadId))))
                .toList();
        return messages.bulkWrite(updates, new BulkWriteOptions().ordered(false)).getModifiedCount();
    }

    /** How many of {@code keys} are stored, by whichever upload. */
    public long countStored(Collection<String> keys) {
        return messages.countDocuments(Filters.in("_id", keys));
    }

    /** How many of {@code keys} the upload {@code uploadId} stored. */
    public long countArchivedBy(String uploadId, Collection<String> keys) {
        return messages.countDocuments(Filters.and(Filters.in("_id", keys), Filters.eq(UPLOAD_ID, uploadId)));
    }

    /** How many of {@code keys} the deletion report {@code uploadId} marked. */
    public long countDeletionsRecordedBy(String uploadId, Collection<String> keys) {
        return messages.countDocuments(Filters.and(Filters.in("_id", keys),
                Filters.eq(DELETION_UPLOAD_ID, uploadId)));
    }

    public Summary summary(String employeeId) {
        Document totals = messages.aggregate(List.of(
                Aggregates.match(Filters.eq(EMPLOYEE_ID, employeeId)),
                Aggregates.group(null, Accumulators.sum("count", 1),
                        Accumulators.min("first", "$" + SENT_AT), Accumulators.max("last", "$" + SENT_AT))))
                .first();
        if (totals == null) {
            return new Summary(0, null, null);
        }
        return new Summary(((Number) totals.get("count")).longValue(), totals.getDate("first").toInstant(),
                totals.getDate("last").toInstant());
    }

    /**
     * Up to {@code limit} messages whose expiry is not after {@code now}, in (expiresAt, id) order,
     * starting after {@code after}: a run pages through them without skipping or repeating the
     * messages it keeps.
     */
    public List<Expired> expired(Instant now, Optional<Expired> after, int limit) {
        Date until = Date.from(now);
        Bson filter = after.map(a -> Filters.and(Filters.lte(EXPIRES_AT, until), Filters.or(
                        Filters.gt(EXPIRES_AT, Date.from(a.expiresAt())),
                        Filters.and(Filters.eq(EXPIRES_AT, Date.from(a.expiresAt())), Filters.gt("_id", a.key())))))
                .orElse(Filters.lte(EXPIRES_AT, until));
        List<Expired> page = new ArrayList<>();
        for (Document doc : messages.find(filter)
                .projection(Projections.include(EMPLOYEE_ID, SENT_AT, RETENTION_DAYS, EXPIRES_AT))
                .sort(Sorts.ascending(EXPIRES_AT, "_id"))
                .limit(limit)) {
            page.add(new Expired(doc.getString("_id"), doc.getString(EMPLOYEE_ID), doc.getDate(SENT_AT).toInstant(),
                    doc.getInteger(RETENTION_DAYS), doc.getDate(EXPIRES_AT).toInstant()));
        }
        return page;
    }

    /** Removes those of {@code keys} that have expired by {@code now}, in one call; returns how many. */
    public long deleteExpired(Collection<String> keys, Instant now) {
        if (keys.isEmpty()) {
            return 0;
        }
        return messages.deleteMany(Filters.and(Filters.in("_id", keys), Filters.lte(EXPIRES_AT, Date.from(now))))
                .getDeletedCount();
    }

    /**
     * Up to {@code limit} of the employee's messages in {@code scope}, oldest first in (sentAt, id)
     * order, starting after {@code after}: a reader pages through a scope without skipping or
     * repeating a message.
     */
    public List<StoredMessage> inScope(ReadScope scope, Optional<Position> after, int limit) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq(EMPLOYEE_ID, scope.employeeId()));
        scope.conversationId().ifPresent(conversationId -> filters.add(Filters.eq(CONVERSATION_ID, conversationId)));
        filters.add(Filters.gte(SENT_AT, Date.from(scope.from())));
        filters.add(Filters.lt(SENT_AT, Date.from(scope.to())));
        after.ifPresent(a -> filters.add(Filters.or(Filters.gt(SENT_AT, Date.from(a.sentAt())),
                Filters.and(Filters.eq(SENT_AT, Date.from(a.sentAt())), Filters.gt("_id", a.key())))));
        List<StoredMessage> page = new ArrayList<>();
        for (Document doc : messages.find(Filters.and(filters))
                .projection(Projections.include(MESSAGE_ID, APP, CONVERSATION_ID, SENT_AT, DIRECTION,
                        DELETED_ON_DEVICE_AT, CIPHERTEXT))
                .sort(Sorts.ascending(SENT_AT, "_id"))
                .limit(limit)) {
            Date deletedOnDeviceAt = doc.getDate(DELETED_ON_DEVICE_AT);
            page.add(new StoredMessage(doc.getString("_id"), new SealedMessage(doc.getString(MESSAGE_ID),
                    doc.getString(APP), doc.getString(CONVERSATION_ID), doc.getDate(SENT_AT).toInstant(),
                    Direction.valueOf(doc.getString(DIRECTION)), doc.get(CIPHERTEXT, Binary.class).getData()),
                    deletedOnDeviceAt == null ? null : deletedOnDeviceAt.toInstant()));
        }
        return page;
    }
}
