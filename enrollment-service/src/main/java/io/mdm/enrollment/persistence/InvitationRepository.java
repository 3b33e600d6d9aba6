package io.mdm.enrollment.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.mdm.enrollment.Invitation;
import io.mdm.enrollment.Ownership;
import io.mdm.platform.paging.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Invitations; the token itself is never stored, only its hash (unique, so lookups are indexed). */
@ApplicationScoped
public class InvitationRepository {

    private final MongoCollection<Document> invitations;

    public InvitationRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.invitations = mongo.getDatabase(database).getCollection("invitations");
        invitations.createIndex(Indexes.ascending("tokenHash"), new IndexOptions().unique(true));
        invitations.createIndex(Indexes.compoundIndex(Indexes.ascending("employeeId"), Indexes.descending("createdAt")));
        invitations.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("createdAt")));
        invitations.createIndex(Indexes.descending("createdAt", "_id"));
    }

    public void insert(Invitation invitation) {
        invitations.insertOne(toDocument(invitation));
    }

    public Optional<Invitation> byId(String id) {
        return Optional.ofNullable(invitations.find(Filters.eq("_id", id)).first()).map(InvitationRepository::fromDocument);
    }

    public Optional<Invitation> byTokenHash(String tokenHash) {
        return Optional.ofNullable(invitations.find(Filters.eq("tokenHash", tokenHash)).first())
                .map(InvitationRepository::fromDocument);
    }

    /**
     * Uses the invitation for {@code deviceId} if, at this instant, it is still pending and
     * unexpired. Exactly one of two concurrent enrollments with the same token wins.
     */
    public boolean consume(String id, String deviceId, Instant now) {
        return invitations.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Invitation.Status.PENDING.name()),
                        Filters.gt("expiresAt", Date.from(now))),
                Updates.combine(Updates.set("status", Invitation.Status.USED.name()),
                        Updates.set("usedAt", Date.from(now)), Updates.set("deviceId", deviceId)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)) != null;
    }

    /** Revokes a pending invitation; false when it was not pending any more. */
    public boolean revoke(String id, String by, Instant now) {
        return invitations.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Invitation.Status.PENDING.name())),
                Updates.combine(Updates.set("status", Invitation.Status.REVOKED.name()),
                        Updates.set("revokedAt", Date.from(now)), Updates.set("revokedBy", by))).getModifiedCount() == 1;
    }

    /**
     * Newest first. {@code status} EXPIRED means pending past its expiry, PENDING means pending
     * and still valid at {@code now}.
     */
    public List<Invitation> list(Optional<String> employeeId, Optional<Invitation.Status> status, Instant now,
                                 Optional<PageCursor> after, int limit) {
        List<Bson> filters = new ArrayList<>();
        employeeId.ifPresent(id -> filters.add(Filters.eq("employeeId", id)));
        status.ifPresent(s -> {
            switch (s) {
                case EXPIRED -> filters.add(Filters.and(Filters.eq("status", "PENDING"), Filters.lte("expiresAt", Date.from(now))));
                case PENDING -> filters.add(Filters.and(Filters.eq("status", "PENDING"), Filters.gt("expiresAt", Date.from(now))));
                default -> filters.add(Filters.eq("status", s.name()));
            }
        });
        after.ifPresent(cursor -> filters.add(cursor.olderThan("createdAt")));
        List<Invitation> page = new ArrayList<>();
        invitations.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.descending("createdAt", "_id")).limit(limit)
                .forEach(doc -> page.add(fromDocument(doc)));
        return page;
    }

    private static Document toDocument(Invitation i) {
        return new Document("_id", i.id())
                .append("employeeId", i.employeeId())
                .append("ownership", i.ownership().name())
                .append("tokenHash", i.tokenHash())
                .append("createdAt", Date.from(i.createdAt()))
                .append("expiresAt", Date.from(i.expiresAt()))
                .append("createdBy", i.createdBy())
                .append("status", i.status().name());
    }

    private static Invitation fromDocument(Document d) {
        return new Invitation(d.getString("_id"), d.getString("employeeId"), Ownership.valueOf(d.getString("ownership")),
                d.getString("tokenHash"), d.getDate("createdAt").toInstant(), d.getDate("expiresAt").toInstant(),
                d.getString("createdBy"), Invitation.Status.valueOf(d.getString("status")), instant(d, "usedAt"),
                d.getString("deviceId"), instant(d, "revokedAt"), d.getString("revokedBy"));
    }

    static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
