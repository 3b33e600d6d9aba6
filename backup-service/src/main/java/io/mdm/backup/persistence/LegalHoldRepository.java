package io.mdm.backup.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.mdm.backup.LegalHold;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.BackupEvents.LegalHoldPlaced;
import io.mdm.contracts.events.BackupEvents.LegalHoldReleased;
import io.mdm.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Legal holds, one document per hold, in collection {@value #COLLECTION}. Each state change
 * carries its event in the same document write (see {@link Outbox}). Holds are never deleted.
 */
@ApplicationScoped
public class LegalHoldRepository {

    static final String COLLECTION = "legal_holds";

    private static final String EMPLOYEE_IDS = "employeeIds";
    private static final String STATUS = "status";
    private static final String PLACED_AT = "placedAt";
    private static final String IDEMPOTENCY_KEY = "idempotencyKey";

    /** One page of a list, and where the next page starts (empty on the last page). */
    public record Page(List<LegalHold> items, Optional<HoldCursor> next) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** The stored hold of a {@link #placeOnce} call, and whether this call created it. */
    public record Placement(LegalHold hold, boolean created) {
    }

    private final MongoCollection<Document> holds;
    private final Outbox outbox;

    public LegalHoldRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                               Outbox outbox) {
        this.holds = mongo.getDatabase(database).getCollection(COLLECTION);
        this.outbox = outbox;
        // Multikey: "is this employee under an active hold?" for retention and shredding, and
        // the list filtered by employee and status, newest first.
        holds.createIndex(Indexes.compoundIndex(Indexes.ascending(EMPLOYEE_IDS), Indexes.ascending(STATUS),
                Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        holds.createIndex(Indexes.compoundIndex(Indexes.ascending(EMPLOYEE_IDS),
                Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        holds.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS),
                Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        holds.createIndex(Indexes.compoundIndex(Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        // Sparse: only holds placed with an Idempotency-Key carry one.
        holds.createIndex(Indexes.ascending(IDEMPOTENCY_KEY), new IndexOptions().unique(true).sparse(true));
    }

    public Optional<LegalHold> find(String id) {
        return Optional.ofNullable(holds.find(Filters.eq("_id", id)).first()).map(LegalHoldRepository::fromDocument);
    }

    /** Stores a new hold with its {@code legal-hold-placed} event. */
    public void place(LegalHold hold) {
        holds.insertOne(withPlacedEvent(toDocument(hold), hold));
    }

    /**
     * Stores a new hold unless {@code placedBy} already placed one with this idempotency key; then
     * that earlier hold is the answer and nothing is written (no second event). Two concurrent
     * calls with the same key store one hold: the unique index turns the slower insert away.
     */
    public Placement placeOnce(LegalHold hold, String idempotencyKey) {
        String scopedKey = scopedKey(hold.placedBy(), idempotencyKey);
        Optional<LegalHold> earlier = findByScopedKey(scopedKey);
        if (earlier.isPresent()) {
            return new Placement(earlier.get(), false);
        }
        try {
            holds.insertOne(withPlacedEvent(toDocument(hold).append(IDEMPOTENCY_KEY, scopedKey), hold));
            return new Placement(hold, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return findByScopedKey(scopedKey).map(winner -> new Placement(winner, false)).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * Stores the release of a hold with its {@code legal-hold-released} event, only if the stored
     * hold is still active. Returns false when it is not: another release came first, and of two
     * concurrent releases exactly one succeeds.
     */
    public boolean release(LegalHold released) {
        if (released.isActive()) {
            throw new IllegalArgumentException("hold " + released.id() + " is not released");
        }
        Document event = outbox.entry(Topics.BACKUP, released.id(), EventTypes.BACKUP_LEGAL_HOLD_RELEASED,
                released.id(), new LegalHoldReleased(released.id(), released.employeeIds(), released.releasedBy(),
                        released.releasedAt()));
        return holds.updateOne(
                Filters.and(Filters.eq("_id", released.id()), Filters.eq(STATUS, LegalHold.Status.ACTIVE.name())),
                Updates.combine(
                        Updates.set(STATUS, LegalHold.Status.RELEASED.name()),
                        Updates.set("releasedBy", released.releasedBy()),
                        Updates.set("releasedAt", Date.from(released.releasedAt())),
                        Updates.set("releaseReason", released.releaseReason()),
                        Updates.push(Outbox.FIELD, event))).getModifiedCount() == 1;
    }

    /**
     * Holds newest first, optionally only those naming {@code employeeId} and only those in
     * {@code status}, starting after {@code after}.
     */
    public Page list(Optional<String> employeeId, Optional<LegalHold.Status> status, int limit,
                     Optional<HoldCursor> after) {
        List<Bson> filters = new ArrayList<>();
        employeeId.ifPresent(id -> filters.add(Filters.eq(EMPLOYEE_IDS, id)));
        status.ifPresent(s -> filters.add(Filters.eq(STATUS, s.name())));
        after.ifPresent(cursor -> {
            Date placedAt = Date.from(cursor.placedAt());
            filters.add(Filters.or(Filters.lt(PLACED_AT, placedAt),
                    Filters.and(Filters.eq(PLACED_AT, placedAt), Filters.lt("_id", cursor.id()))));
        });
        List<LegalHold> items = new ArrayList<>();
        // One more than asked for tells whether a next page exists.
        holds.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.orderBy(Sorts.descending(PLACED_AT), Sorts.descending("_id")))
                .limit(limit + 1)
                .map(LegalHoldRepository::fromDocument)
                .into(items);
        if (items.size() <= limit) {
            return new Page(items, Optional.empty());
        }
        LegalHold last = items.get(limit - 1);
        return new Page(items.subList(0, limit), Optional.of(new HoldCursor(last.placedAt(), last.id())));
    }

    /** The newest active hold naming the employee, if any. */
    public Optional<LegalHold> activeHoldFor(String employeeId) {
        return Optional.ofNullable(holds.find(activeFor(List.of(employeeId)))
                        .sort(Sorts.orderBy(Sorts.descending(PLACED_AT), Sorts.descending("_id")))
                        .first())
                .map(LegalHoldRepository::fromDocument);
    }

    /** True when at least one active hold names the employee: nothing of theirs may be purged or shredded. */
    public boolean isUnderActiveHold(String employeeId) {
        return holds.find(activeFor(List.of(employeeId))).projection(Projections.include("_id")).first() != null;
    }

    /** Those of {@code employeeIds} that at least one active hold names; one query for a whole retention batch. */
    public Set<String> employeesUnderActiveHold(Collection<String> employeeIds) {
        if (employeeIds.isEmpty()) {
            return Set.of();
        }
        Set<String> wanted = Set.copyOf(employeeIds);
        Set<String> held = new HashSet<>();
        for (Document doc : holds.find(activeFor(wanted)).projection(Projections.include(EMPLOYEE_IDS))) {
            for (String employeeId : doc.getList(EMPLOYEE_IDS, String.class)) {
                if (wanted.contains(employeeId)) {
                    held.add(employeeId);
                }
            }
        }
        return Set.copyOf(held);
    }

    private static Bson activeFor(Collection<String> employeeIds) {
        return Filters.and(Filters.in(EMPLOYEE_IDS, employeeIds), Filters.eq(STATUS, LegalHold.Status.ACTIVE.name()));
    }

    private Optional<LegalHold> findByScopedKey(String scopedKey) {
        return Optional.ofNullable(holds.find(Filters.eq(IDEMPOTENCY_KEY, scopedKey)).first())
                .map(LegalHoldRepository::fromDocument);
    }

    /**
     * A key belongs to the user who sent it: the same key from two users names two requests. The
     * user name's length prefix keeps ("ab", "c:d") and ("ab:c", "d") apart.
     */
    private static String scopedKey(String user, String key) {
        return user.length() + ":" + user + ":" + key;
    }

    private Document withPlacedEvent(Document doc, LegalHold hold) {
        Document event = outbox.entry(Topics.BACKUP, hold.id(), EventTypes.BACKUP_LEGAL_HOLD_PLACED, hold.id(),
                new LegalHoldPlaced(hold.id(), hold.employeeIds(), hold.caseReference(), hold.placedBy(),
                        hold.placedAt()));
        return doc.append(Outbox.FIELD, List.of(event));
    }

    private static Document toDocument(LegalHold hold) {
        return new Document("_id", hold.id())
                .append(EMPLOYEE_IDS, hold.employeeIds())
                .append("caseReference", hold.caseReference())
                .append("reason", hold.reason())
                .append(STATUS, hold.status().name())
                .append("placedBy", hold.placedBy())
                .append(PLACED_AT, Date.from(hold.placedAt()))
                .append("releasedBy", hold.releasedBy())
                .append("releasedAt", hold.releasedAt() == null ? null : Date.from(hold.releasedAt()))
                .append("releaseReason", hold.releaseReason());
    }

    private static LegalHold fromDocument(Document doc) {
        return new LegalHold(doc.getString("_id"), doc.getList(EMPLOYEE_IDS, String.class),
                doc.getString("caseReference"), doc.getString("reason"),
                LegalHold.Status.valueOf(doc.getString(STATUS)), doc.getString("placedBy"),
                doc.getDate(PLACED_AT).toInstant(), doc.getString("releasedBy"), instant(doc.getDate("releasedAt")),
                doc.getString("releaseReason"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
