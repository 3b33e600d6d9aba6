package io.mdm.audit.accessaudit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessScope;
import io.mdm.audit.access.Approval;
import io.mdm.audit.access.Grant;
import io.mdm.audit.log.AuditTimestamp;
import io.mdm.audit.log.store.AuditEntry;

import java.time.Instant;
import java.util.Objects;

/**
 * The audit entry of each stored change of an access request: {@code mdm.access.requested},
 * {@code .approved} (also an approval that still waits for more approvers, with status PENDING),
 * {@code .rejected}, {@code .revoked} and {@code .expired}. The actor is the Keycloak user name of
 * who made the change, or the service itself for an expiry.
 *
 * <p>The data makes each record accountable on its own: request id and version, status, legal
 * basis, scope, reason and case reference, the requester, and what the change adds (the comment
 * of the decision, the notice delay and its reason, the grant and when the subject learns of it).
 * Reasons and comments belong here, in the audit log; the notification to the employee carries
 * none of them.
 */
public final class AccessAuditEntries {

    public static final String REQUESTED = "mdm.access.requested";
    public static final String APPROVED = "mdm.access.approved";
    public static final String REJECTED = "mdm.access.rejected";
    public static final String REVOKED = "mdm.access.revoked";
    public static final String EXPIRED = "mdm.access.expired";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String serviceActor;

    /** @param serviceActor the actor of changes no person makes (an expiry) */
    public AccessAuditEntries(String serviceActor) {
        this.serviceActor = Objects.requireNonNull(serviceActor, "serviceActor");
    }

    /**
     * The entry for {@code stored}, which is a newly filed request (version 0) or the result of
     * one transition. Its source id names the request and version, so it is appended once.
     */
    public AuditEntry entryFor(AccessRequest stored) {
        ObjectNode data = common(stored);
        String type;
        String actor;
        if (stored.version() == 0) {
            type = REQUESTED;
            actor = stored.requestedBy();
            data.put("requestedHours", stored.requestedHours())
                    .put("maxReads", stored.maxReads())
                    .put("decideBefore", time(stored.decideBefore()));
        } else {
            switch (stored.status()) {
                case PENDING, APPROVED -> {
                    Approval approval = stored.approvals().getLast();
                    type = APPROVED;
                    actor = approval.approver();
                    approval(data, approval, stored);
                }
                case REJECTED -> {
                    type = REJECTED;
                    actor = stored.rejection().by();
                    data.put("comment", stored.rejection().comment());
                }
                case REVOKED -> {
                    type = REVOKED;
                    actor = stored.revocation().by();
                    data.put("comment", stored.revocation().comment());
                    if (stored.grant() != null) {
                        data.put("grantId", stored.grant().id())
                                .put("readsUsed", stored.grant().readsUsed());
                    }
                }
                case EXPIRED -> {
                    type = EXPIRED;
                    actor = serviceActor;
                    data.put("decideBefore", time(stored.decideBefore()));
                }
                default -> throw new IllegalArgumentException("no audit record for status " + stored.status());
            }
        }
        return new AuditEntry(type, actor, stored.subjectEmployeeId(), data,
                "access-request:" + stored.id() + ":" + stored.version());
    }

    private static ObjectNode common(AccessRequest request) {
        ObjectNode data = NODES.objectNode()
                .put("requestId", request.id())
                .put("version", request.version())
                .put("status", request.status().name())
                .put("legalBasis", request.legalBasis().name());
        data.set("scope", scope(request.scope()));
        data.put("reason", request.reason());
        if (request.caseReference() != null) {
            data.put("caseReference", request.caseReference());
        }
        data.put("requestedBy", request.requestedBy());
        return data;
    }

    private static void approval(ObjectNode data, Approval approval, AccessRequest request) {
        data.put("comment", approval.comment())
                .put("approvals", request.approvals().size())
                .put("notifySubjectAfterDays", approval.notifySubjectAfterDays());
        if (approval.delayReason() != null) {
            data.put("delayReason", approval.delayReason());
        }
        Grant grant = request.grant();
        if (grant != null) {
            data.putObject("grant")
                    .put("id", grant.id())
                    .put("validFrom", time(grant.validFrom()))
                    .put("validUntil", time(grant.validUntil()))
                    .put("maxReads", grant.maxReads());
            data.put("notifySubjectAt", time(grant.notifySubjectAt()));
        }
    }

    private static ObjectNode scope(AccessScope scope) {
        ObjectNode node = NODES.objectNode()
                .put("from", time(scope.from()))
                .put("to", time(scope.to()));
        if (scope.limitsConversations()) {
            ArrayNode conversations = node.putArray("conversationIds");
            scope.conversationIds().forEach(conversations::add);
        }
        return node;
    }

    private static String time(Instant instant) {
        return AuditTimestamp.format(instant);
    }
}
