package io.mdm.audit.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessRequestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.mdm.audit.persistence.AccessRequestDocument.CREATED_AT;
import static io.mdm.audit.persistence.AccessRequestDocument.GRANT;
import static io.mdm.audit.persistence.AccessRequestDocument.ID;
import static io.mdm.audit.persistence.AccessRequestDocument.STATUS;
import static io.mdm.audit.persistence.AccessRequestDocument.SUBJECT_EMPLOYEE_ID;
import static io.mdm.audit.persistence.AccessRequestDocument.date;

/**
 * The access requests an employee is told about in their access log: approved ones, and ones
 * revoked after approval, whose notification time has come. Served by the repository's index on
 * {@code (subjectEmployeeId, createdAt desc, _id desc)}.
 */
@ApplicationScoped
public class NotifiedAccessRequests {

    private static final String GRANT_NOTIFY_SUBJECT_AT = GRANT + ".notifySubjectAt";

    private final MongoCollection<Document> requests;

    public NotifiedAccessRequests(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.requests = mongo.getDatabase(database).getCollection(AccessRequestRepository.COLLECTION);
    }

    /** One page, newest first, of the requests about {@code subjectEmployeeId} notified by {@code now}. */
    public AccessRequestPage about(String subjectEmployeeId, Instant now, int limit, PageCursor after) {
        List<Bson> filters = new ArrayList<>(List.of(
                Filters.eq(SUBJECT_EMPLOYEE_ID, subjectEmployeeId),
                Filters.in(STATUS, AccessRequestStatus.APPROVED.name(), AccessRequestStatus.REVOKED.name()),
                // Also leaves out a request withdrawn before approval: it has no grant and was never read.
                Filters.lte(GRANT_NOTIFY_SUBJECT_AT, date(now))));
        if (after != null) {
            filters.add(Filters.or(
                    Filters.lt(CREATED_AT, date(after.createdAt())),
                    Filters.and(Filters.eq(CREATED_AT, date(after.createdAt())), Filters.lt(ID, after.id()))));
        }
        // One more than asked tells whether a next page exists.
        List<AccessRequest> found = requests.find(Filters.and(filters))
                .sort(Sorts.orderBy(Sorts.descending(CREATED_AT), Sorts.descending(ID))).limit(limit + 1)
                .map(AccessRequestDocument::toRequest).into(new ArrayList<>());
        if (found.size() <= limit) {
            return new AccessRequestPage(found, null);
        }
        List<AccessRequest> items = found.subList(0, limit);
        AccessRequest last = items.getLast();
        return new AccessRequestPage(items, new PageCursor(last.createdAt(), last.id()));
    }
}
