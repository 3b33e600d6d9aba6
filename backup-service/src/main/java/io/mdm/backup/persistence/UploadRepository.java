package io.mdm.backup.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.BackupEvents.DeletionRecorded;
import io.mdm.contracts.events.BackupEvents.MessagesArchived;
import io.mdm.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * One small document per device upload (a batch of messages or of deletions) in collection
 * {@value #COLLECTION}; it carries the upload's event (see {@link Outbox}).
 *
 * <p>MongoDB writes one document atomically, but an upload changes up to 500 messages. So the
 * upload document is written first, PENDING, naming the message keys; then the messages are
 * written, each marked with the upload's id; then the upload is completed with its counts and
 * its event in one update. If the service stops in between, {@link #pendingSince} finds the
 * upload and the counts are taken from the marked messages: no upload goes without its event.
 */
@ApplicationScoped
public class UploadRepository {

    static final String COLLECTION = "uploads";

    private static final String STATE = "state";
    private static final String PENDING = "PENDING";
    private static final String COMPLETED = "COMPLETED";
    private static final String RECEIVED_AT = "receivedAt";
    private static final String KEYS = "keys";

    public enum Kind {
        MESSAGES,
        DELETIONS
    }

    /** An upload whose messages are being written, with the keys of the messages it names. */
    public record PendingUpload(String id, Kind kind, String employeeId, String deviceId, List<String> keys,
                                Instant receivedAt) {
        public PendingUpload {
            keys = List.copyOf(keys);
        }
    }

    private final MongoCollection<Document> uploads;
    private final Outbox outbox;

    public UploadRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                            Outbox outbox) {
        this.uploads = mongo.getDatabase(database).getCollection(COLLECTION);
        this.outbox = outbox;
        uploads.createIndex(Indexes.ascending(STATE, RECEIVED_AT));
    }

    public void begin(PendingUpload upload) {
        uploads.insertOne(new Document("_id", upload.id())
                .append("kind", upload.kind().name())
                .append("employeeId", upload.employeeId())
                .append("deviceId", upload.deviceId())
                .append(RECEIVED_AT, Date.from(upload.receivedAt()))
                .append(STATE, PENDING)
                .append(KEYS, upload.keys()));
    }

    /**
     * Completes a message upload with its {@code messages-archived} event; false when it was
     * completed before (by the request or by recovery), so the event is emitted once.
     */
    public boolean completeArchive(PendingUpload upload, int accepted, int duplicates, Instant at) {
        Document event = outbox.entry(Topics.BACKUP, upload.employeeId(), EventTypes.BACKUP_MESSAGES_ARCHIVED,
                upload.employeeId(), new MessagesArchived(upload.employeeId(), upload.deviceId(), accepted,
                        duplicates, at));
        return complete(upload, event, Updates.combine(Updates.set("accepted", accepted),
                Updates.set("duplicates", duplicates)), at);
    }

    /** Completes a deletion report with its {@code deletion-recorded} event; false when it was completed before. */
    public boolean completeDeletions(PendingUpload upload, int recorded, Instant at) {
        Document event = outbox.entry(Topics.BACKUP, upload.employeeId(), EventTypes.BACKUP_DELETION_RECORDED,
                upload.employeeId(), new DeletionRecorded(upload.employeeId(), upload.deviceId(), recorded, at));
        return complete(upload, event, Updates.set("recorded", recorded), at);
    }

    /** Uploads still pending that were received before {@code receivedBefore}, oldest first. */
    public List<PendingUpload> pendingSince(Instant receivedBefore, int limit) {
        List<PendingUpload> pending = new ArrayList<>();
        for (Document doc : uploads.find(Filters.and(Filters.eq(STATE, PENDING),
                        Filters.lt(RECEIVED_AT, Date.from(receivedBefore))))
                .sort(Sorts.ascending(RECEIVED_AT))
                .limit(limit)) {
            pending.add(new PendingUpload(doc.getString("_id"), Kind.valueOf(doc.getString("kind")),
                    doc.getString("employeeId"), doc.getString("deviceId"), doc.getList(KEYS, String.class),
                    doc.getDate(RECEIVED_AT).toInstant()));
        }
        return pending;
    }

    private boolean complete(PendingUpload upload, Document event, Bson counts, Instant at) {
        return uploads.updateOne(Filters.and(Filters.eq("_id", upload.id()), Filters.eq(STATE, PENDING)),
                Updates.combine(counts,
                        Updates.set(STATE, COMPLETED),
                        Updates.set("completedAt", Date.from(at)),
                        // The keys only serve recovery; a completed upload keeps its counts.
                        Updates.unset(KEYS),
                        Updates.push(Outbox.FIELD, event)))
                .getModifiedCount() == 1;
    }
}
