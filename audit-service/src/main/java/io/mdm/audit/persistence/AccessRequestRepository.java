package io.mdm.audit.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessRequestStatus;
import io.mdm.audit.access.Grant;
import io.mdm.audit.accessaudit.AccessAuditTrail;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.AuditEvents;
import io.mdm.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.mdm.audit.persistence.AccessRequestDocument.CREATED_AT;
import static io.mdm.audit.persistence.AccessRequestDocument.DECIDE_BEFORE;
import static io.mdm.audit.persistence.AccessRequestDocument.GRANT;
import static io.mdm.audit.persistence.AccessRequestDocument.GRANT_ID;
import static io.mdm.audit.persistence.AccessRequestDocument.GRANT_MAX_READS;
import static io.mdm.audit.persistence.AccessRequestDocument.GRANT_READS_USED;
import static io.mdm.audit.persistence.AccessRequestDocument.GRANT_REVOKED_AT;
import static io.mdm.audit.persistence.AccessRequestDocument.GRANT_VALID_UNTIL;
import static io.mdm.audit.persistence.AccessRequestDocument.ID;
import static io.mdm.audit.persistence.AccessRequestDocument.REQUESTED_BY;
import static io.mdm.audit.persistence.AccessRequestDocument.STATUS;
import static io.mdm.audit.persistence.AccessRequestDocument.SUBJECT_EMPLOYEE_ID;
import static io.mdm.audit.persistence.AccessRequestDocument.VERSION;
import static io.mdm.audit.persistence.AccessRequestDocument.date;

/**
 * Access requests, one document per request with its grant embedded, in collection
 * {@value #COLLECTION}. Requests are never deleted.
 *
 * <p>Every change is a conditional update on {@code (_id, version)}: of two callers that read the
 * same version, only the first one's change is stored, so two concurrent approvals or revocations
 * can never both win. The stored {@code version} counts every change of the document, consumed
 * reads included: a revocation computed from a grant that has since been read must not write the
 * old read count back.
 */
@ApplicationScoped
public class AccessRequestRepository {

    public static final String COLLECTION = "access_requests";

    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending(CREATED_AT), Sorts.descending(ID));

    private final MongoCollection<Document> requests;
    private final AccessAuditTrail audit;
    private final Outbox outbox;

    public AccessRequestRepository(MongoClient mongo,
                                   @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                   AccessAuditTrail audit, Outbox outbox) {
        this.requests = mongo.getDatabase(database).getCollection(COLLECTION);
        this.audit = audit;
        this.outbox = outbox;
        Bson newestFirst = Indexes.compoundIndex(Indexes.descending(CREATED_AT), Indexes.descending(ID));
        requests.createIndex(newestFirst);
        requests.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS), newestFirst));
        requests.createIndex(Indexes.compoundIndex(Indexes.ascending(REQUESTED_BY), newestFirst));
        requests.createIndex(Indexes.compoundIndex(Indexes.ascending(SUBJECT_EMPLOYEE_ID), newestFirst));
        requests.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS), Indexes.ascending(DECIDE_BEFORE)));
        requests.createIndex(Indexes.ascending(GRANT_ID), new IndexOptions().unique(true).sparse(true));
    }

    /** Stores a newly filed request (version 0), then appends its audit record. */
    public void insert(AccessRequest request) {
        if (request.version() != 0) {
            throw new IllegalArgumentException("only a newly filed request (version 0) is inserted");
        }
        Document doc = new Document(ID, request.id());
        doc.putAll(AccessRequestDocument.fields(request));
        // The audit entry is written with the request, so a crash before the append cannot lose it.
        doc.append(AccessAuditTrail.FIELD, List.of(audit.pendingEntry(request)));
        requests.insertOne(doc);
        audit.appendPending(request.id());
    }

    public Optional<AccessRequest> find(String id) {
        return Optional.ofNullable(requests.find(Filters.eq(ID, id)).first()).map(AccessRequestDocument::toRequest);
    }

    /**
     * Stores a transition of a request, provided the stored request is still the one it was
     * computed from ({@code changed.version() - 1}).
     *
     * <p>Then appends the change's audit record; a change to APPROVED also queues the subject's
     * {@code mdm.notification.data-accessed} notice in the document's outbox.
     *
     * @return false when someone else changed the request in between; nothing was stored
     */
    public boolean store(AccessRequest changed) {
        if (changed.version() < 1) {
            throw new IllegalArgumentException("a transition has a version of at least 1");
        }
        // $set rather than a replacement keeps fields other writers own, such as a pending outbox.
        // The change's audit entry, and the subject's notice of a completed approval, are part
        // of the same update, so neither can be lost between two writes.
        List<Bson> update = new ArrayList<>(List.of(new Document("$set", AccessRequestDocument.fields(changed)),
                Updates.push(AccessAuditTrail.FIELD, audit.pendingEntry(changed))));
        if (changed.status() == AccessRequestStatus.APPROVED) {
            Grant grant = changed.grant();
            update.add(Updates.push(Outbox.FIELD, outbox.entry(Topics.NOTIFICATIONS, changed.subjectEmployeeId(),
                    EventTypes.NOTIFICATION_DATA_ACCESSED, changed.subjectEmployeeId(),
                    new AuditEvents.DataAccessed(changed.subjectEmployeeId(), changed.id(), grant.notifySubjectAt()))));
        }
        boolean stored = requests.updateOne(
                Filters.and(Filters.eq(ID, changed.id()), Filters.eq(VERSION, changed.version() - 1)),
                Updates.combine(update)).getMatchedCount() == 1;
        if (stored) {
            audit.appendPending(changed.id());
        }
        return stored;
    }

    /** One page of the list, newest first; see {@link AccessRequestQuery} for the filters. */
    public AccessRequestPage page(AccessRequestQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.requestedBy() != null) {
            filters.add(Filters.eq(REQUESTED_BY, query.requestedBy()));
        }
        if (query.hiddenSubjectEmployeeId() != null) {
            filters.add(Filters.ne(SUBJECT_EMPLOYEE_ID, query.hiddenSubjectEmployeeId()));
        }
        if (query.status() != null) {
            filters.add(statusAt(query.status(), query.now()));
        }
        if (query.after() != null) {
            filters.add(Filters.or(
                    Filters.lt(CREATED_AT, date(query.after().createdAt())),
                    Filters.and(Filters.eq(CREATED_AT, date(query.after().createdAt())),
                            Filters.lt(ID, query.after().id()))));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        // One more than asked tells whether a next page exists.
        List<AccessRequest> found = requests.find(filter).sort(NEWEST_FIRST).limit(query.limit() + 1)
                .map(AccessRequestDocument::toRequest).into(new ArrayList<>());
        if (found.size() <= query.limit()) {
            return new AccessRequestPage(found, null);
        }
        List<AccessRequest> items = found.subList(0, query.limit());
        AccessRequest last = items.getLast();
        return new AccessRequestPage(items, new PageCursor(last.createdAt(), last.id()));
    }

    /** PENDING requests whose decision deadline has come at {@code now}, oldest deadline first. */
    public List<AccessRequest> overdue(Instant now, int limit) {
        return requests.find(Filters.and(Filters.eq(STATUS, AccessRequestStatus.PENDING.name()),
                        Filters.lte(DECIDE_BEFORE, date(now))))
                .sort(Sorts.ascending(DECIDE_BEFORE)).limit(limit)
                .map(AccessRequestDocument::toRequest).into(new ArrayList<>());
    }

    /**
     * The grant with this id, revoked or not. Its request is APPROVED while the grant is not
     * revoked and REVOKED once it is ({@link AccessRequest} keeps that invariant).
     */
    public Optional<Grant> grantById(String grantId) {
        return Optional.ofNullable(requests.find(Filters.eq(GRANT_ID, grantId))
                        .projection(Projections.include(GRANT)).first())
                .map(doc -> AccessRequestDocument.toGrant(doc.get(GRANT, Document.class)));
    }

    /**
     * Uses one read of the grant's budget, atomically: the read is counted only while the request
     * is APPROVED, the grant is not revoked, budget is left and {@code now} is before
     * {@code validUntil}, all checked in the same update, so concurrent readers can never use more
     * than {@code maxReads} between them.
     *
     * @return the grant with the read counted, or empty when nothing was consumed
     */
    public Optional<Grant> consumeRead(String grantId, Instant now) {
        Document updated = requests.findOneAndUpdate(
                Filters.and(
                        Filters.eq(GRANT_ID, grantId),
                        Filters.eq(STATUS, AccessRequestStatus.APPROVED.name()),
                        Filters.exists(GRANT_REVOKED_AT, false),
                        Filters.expr(new Document("$lt", List.of("$" + GRANT_READS_USED, "$" + GRANT_MAX_READS))),
                        Filters.gt(GRANT_VALID_UNTIL, date(now))),
                Updates.combine(Updates.inc(GRANT_READS_USED, 1), Updates.inc(VERSION, 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.include(GRANT)));
        return Optional.ofNullable(updated).map(doc -> AccessRequestDocument.toGrant(doc.get(GRANT, Document.class)));
    }

    private static Bson statusAt(AccessRequestStatus status, Instant now) {
        // A PENDING request past its deadline is EXPIRED even before the expiry job has stored it.
        Bson pending = Filters.eq(STATUS, AccessRequestStatus.PENDING.name());
        return switch (status) {
            case PENDING -> Filters.and(pending, Filters.gt(DECIDE_BEFORE, date(now)));
            case EXPIRED -> Filters.or(Filters.eq(STATUS, AccessRequestStatus.EXPIRED.name()),
                    Filters.and(pending, Filters.lte(DECIDE_BEFORE, date(now))));
            default -> Filters.eq(STATUS, status.name());
        };
    }
}
