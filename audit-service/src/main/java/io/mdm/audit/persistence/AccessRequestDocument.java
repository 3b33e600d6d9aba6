package io.mdm.audit.persistence;

import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessRequestStatus;
import io.mdm.audit.access.AccessScope;
import io.mdm.audit.access.Approval;
import io.mdm.audit.access.Grant;
import io.mdm.audit.access.LegalBasis;
import io.mdm.audit.access.Rejection;
import io.mdm.audit.access.Revocation;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The stored shape of an access request: one document holding the whole aggregate, the grant
 * embedded. Instants are BSON dates (milliseconds), so that the expiry job and the read budget
 * can compare them in queries. A field without a value is left out, never stored as null, so that
 * "absent" has one spelling in every filter.
 */
final class AccessRequestDocument {

    static final String ID = "_id";
    static final String VERSION = "version";
    static final String STATUS = "status";
    static final String REQUESTED_BY = "requestedBy";
    static final String SUBJECT_EMPLOYEE_ID = "subjectEmployeeId";
    static final String CREATED_AT = "createdAt";
    static final String DECIDE_BEFORE = "decideBefore";
    static final String GRANT = "grant";
    static final String GRANT_ID = "grant.id";
    static final String GRANT_READS_USED = "grant.readsUsed";
    static final String GRANT_MAX_READS = "grant.maxReads";
    static final String GRANT_VALID_UNTIL = "grant.validUntil";
    static final String GRANT_REVOKED_AT = "grant.revokedAt";

    private AccessRequestDocument() {
    }

    /** Every field of the aggregate except {@code _id}, as stored. */
    static Document fields(AccessRequest request) {
        Document doc = new Document(VERSION, request.version())
                .append(SUBJECT_EMPLOYEE_ID, request.subjectEmployeeId())
                .append("scope", scope(request.scope()))
                .append("legalBasis", request.legalBasis().name())
                .append("reason", request.reason());
        putIfPresent(doc, "caseReference", request.caseReference());
        doc.append("requestedHours", request.requestedHours())
                .append("maxReads", request.maxReads())
                .append(REQUESTED_BY, request.requestedBy());
        putIfPresent(doc, "requestedByEmployeeId", request.requestedByEmployeeId());
        doc.append(CREATED_AT, date(request.createdAt()))
                .append(DECIDE_BEFORE, date(request.decideBefore()))
                .append(STATUS, request.status().name())
                .append("approvals", request.approvals().stream().map(AccessRequestDocument::approval).toList());
        if (request.rejection() != null) {
            doc.append("rejection", rejection(request.rejection()));
        }
        if (request.revocation() != null) {
            doc.append("revocation", revocation(request.revocation()));
        }
        if (request.grant() != null) {
            doc.append(GRANT, grant(request.grant()));
        }
        return doc;
    }

    static AccessRequest toRequest(Document doc) {
        Document rejection = doc.get("rejection", Document.class);
        Document revocation = doc.get("revocation", Document.class);
        Document grant = doc.get(GRANT, Document.class);
        return new AccessRequest(doc.getString(ID), number(doc, VERSION), doc.getString(SUBJECT_EMPLOYEE_ID),
                toScope(doc.get("scope", Document.class)), LegalBasis.valueOf(doc.getString("legalBasis")),
                doc.getString("reason"), doc.getString("caseReference"), doc.getInteger("requestedHours"),
                doc.getInteger("maxReads"), doc.getString(REQUESTED_BY), doc.getString("requestedByEmployeeId"),
                instant(doc, CREATED_AT), instant(doc, DECIDE_BEFORE),
                AccessRequestStatus.valueOf(doc.getString(STATUS)),
                doc.getList("approvals", Document.class, List.of()).stream()
                        .map(AccessRequestDocument::toApproval).toList(),
                rejection == null ? null : toRejection(rejection),
                revocation == null ? null : toRevocation(revocation),
                grant == null ? null : toGrant(grant));
    }

    static Grant toGrant(Document doc) {
        return new Grant(doc.getString("id"), doc.getString("requestId"), doc.getString("requestedBy"),
                doc.getString("subjectEmployeeId"), toScope(doc.get("scope", Document.class)),
                instant(doc, "validFrom"), instant(doc, "validUntil"), doc.getInteger("maxReads"),
                (int) number(doc, "readsUsed"), instant(doc, "notifySubjectAt"), instant(doc, "revokedAt"));
    }

    private static Document scope(AccessScope scope) {
        return new Document("from", date(scope.from()))
                .append("to", date(scope.to()))
                .append("conversationIds", List.copyOf(scope.conversationIds()));
    }

    private static AccessScope toScope(Document doc) {
        return new AccessScope(instant(doc, "from"), instant(doc, "to"),
                new LinkedHashSet<>(doc.getList("conversationIds", String.class, List.of())));
    }

    private static Document approval(Approval approval) {
        Document doc = new Document("approver", approval.approver());
        putIfPresent(doc, "approverEmployeeId", approval.approverEmployeeId());
        doc.append("comment", approval.comment())
                .append("at", date(approval.at()))
                .append("notifySubjectAfterDays", approval.notifySubjectAfterDays());
        putIfPresent(doc, "delayReason", approval.delayReason());
        return doc;
    }

    private static Approval toApproval(Document doc) {
        return new Approval(doc.getString("approver"), doc.getString("approverEmployeeId"), doc.getString("comment"),
                instant(doc, "at"), doc.getInteger("notifySubjectAfterDays"), doc.getString("delayReason"));
    }

    private static Document rejection(Rejection rejection) {
        Document doc = new Document("by", rejection.by());
        putIfPresent(doc, "byEmployeeId", rejection.byEmployeeId());
        return doc.append("comment", rejection.comment()).append("at", date(rejection.at()));
    }

    private static Rejection toRejection(Document doc) {
        return new Rejection(doc.getString("by"), doc.getString("byEmployeeId"), doc.getString("comment"),
                instant(doc, "at"));
    }

    private static Document revocation(Revocation revocation) {
        return new Document("by", revocation.by())
                .append("comment", revocation.comment())
                .append("at", date(revocation.at()));
    }

    private static Revocation toRevocation(Document doc) {
        return new Revocation(doc.getString("by"), doc.getString("comment"), instant(doc, "at"));
    }

    private static Document grant(Grant grant) {
        Document doc = new Document("id", grant.id())
                .append("requestId", grant.requestId())
                .append("requestedBy", grant.requestedBy())
                .append("subjectEmployeeId", grant.subjectEmployeeId())
                .append("scope", scope(grant.scope()))
                .append("validFrom", date(grant.validFrom()))
                .append("validUntil", date(grant.validUntil()))
                .append("maxReads", grant.maxReads())
                .append("readsUsed", grant.readsUsed())
                .append("notifySubjectAt", date(grant.notifySubjectAt()));
        if (grant.revokedAt() != null) {
            doc.append("revokedAt", date(grant.revokedAt()));
        }
        return doc;
    }

    private static void putIfPresent(Document doc, String field, String value) {
        if (value != null) {
            doc.append(field, value);
        }
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /** A counter that {@code $inc} may have widened or kept narrow, depending on who wrote it. */
    private static long number(Document doc, String field) {
        return doc.get(field, Number.class).longValue();
    }
}
