package io.mdm.enrollment.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.DeviceEvents.PrivacyNoticePublished;
import io.mdm.enrollment.Ownership;
import io.mdm.enrollment.PrivacyNotice;
import io.mdm.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Privacy notices, one document per (ownership, version); versions are never changed. */
@ApplicationScoped
public class PrivacyNoticeRepository {

    static final String COLLECTION = "privacy_notices";

    private final MongoCollection<Document> notices;
    private final Outbox outbox;

    public PrivacyNoticeRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                   Outbox outbox) {
        this.notices = mongo.getDatabase(database).getCollection(COLLECTION);
        this.outbox = outbox;
        notices.createIndex(Indexes.compoundIndex(Indexes.ascending("ownership"), Indexes.descending("version")));
    }

    public Optional<PrivacyNotice> current(Ownership ownership) {
        return Optional.ofNullable(notices.find(Filters.eq("ownership", ownership.name()))
                .sort(Sorts.descending("version")).limit(1).first()).map(PrivacyNoticeRepository::fromDocument);
    }

    /**
     * Stores a new version together with its event. Returns false when that version exists
     * already (another publisher or replica was first); the caller decides whether that is a conflict.
     */
    public boolean insert(PrivacyNotice notice) {
        Document event = outbox.entry(Topics.DEVICE, "privacy-notice:" + notice.ownership(),
                EventTypes.PRIVACY_NOTICE_PUBLISHED, notice.ownership().name(),
                new PrivacyNoticePublished(notice.ownership().name(), notice.version(), notice.publishedBy(),
                        notice.publishedAt()));
        try {
            notices.insertOne(toDocument(notice).append(Outbox.FIELD, List.of(event)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private static Document toDocument(PrivacyNotice notice) {
        return new Document("_id", notice.ownership() + ":" + notice.version())
                .append("ownership", notice.ownership().name())
                .append("version", notice.version())
                .append("text", notice.text())
                .append("employerCanSee", notice.employerCanSee())
                .append("employerCannotSee", notice.employerCannotSee())
                .append("publishedAt", Date.from(notice.publishedAt()))
                .append("publishedBy", notice.publishedBy());
    }

    private static PrivacyNotice fromDocument(Document doc) {
        return new PrivacyNotice(Ownership.valueOf(doc.getString("ownership")), doc.getInteger("version"),
                doc.getString("text"), doc.getList("employerCanSee", String.class),
                doc.getList("employerCannotSee", String.class), doc.getDate("publishedAt").toInstant(),
                doc.getString("publishedBy"));
    }
}
