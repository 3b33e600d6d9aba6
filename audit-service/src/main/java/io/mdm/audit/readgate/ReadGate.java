package io.mdm.audit.readgate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mdm.audit.access.AccessRequestStatus;
import io.mdm.audit.access.Caller;
import io.mdm.audit.access.DenialReason;
import io.mdm.audit.access.Grant;
import io.mdm.audit.access.ReadAuthorization;
import io.mdm.audit.access.ReadDecision;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.service.AuditLog;
import io.mdm.audit.persistence.AccessRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The gate in front of decrypted backup content: decides one read, consumes it from the grant's
 * budget when allowed, and appends the decision to the audit log before anyone learns it, so that
 * no read can happen without its record. Blocking.
 */
@ApplicationScoped
public class ReadGate {

    public static final String READ_AUTHORIZED = "mdm.access.read-authorized";
    public static final String READ_DENIED = "mdm.access.read-denied";
    /** The denial when the human caller's token does not verify; there is no grant decision to name. */
    public static final String INVALID_CALLER_TOKEN = "invalid caller token";
    /** The actor of a record whose caller could not be identified. */
    public static final String UNKNOWN_ACTOR = "unknown";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AccessRequestRepository requests;
    private final AuditLog auditLog;
    private final ReadAuthorization authorization = new ReadAuthorization();
    private final Clock clock;

    public ReadGate(AccessRequestRepository requests, AuditLog auditLog, Clock clock) {
        this.requests = requests;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * @param caller the reader as verified from their own token, empty when the token did not verify
     */
    public ReadOutcome authorize(Optional<Caller> caller, ReadRequest read) {
        if (caller.isEmpty()) {
            return denied(UNKNOWN_ACTOR, read, null, INVALID_CALLER_TOKEN);
        }
        Caller reader = caller.get();
        Instant now = clock.instant();
        Grant grant = grantById(read.grantId());
        ReadDecision decision = decide(grant, reader, read, now);
        if (decision instanceof ReadDecision.Allowed) {
            Optional<Grant> consumed = requests.consumeRead(grant.id(), now);
            if (consumed.isPresent()) {
                Grant counted = consumed.get();
                ObjectNode data = data(read, counted.requestId());
                data.put("remainingReads", counted.remainingReads());
                AuditRecord record = auditLog.append(READ_AUTHORIZED, reader.username(), read.subjectEmployeeId(), data);
                return new ReadOutcome(true, null, counted.remainingReads(), counted.validUntil(), record.seq());
            }
            // Someone changed the grant since it was read (the last read taken, a revocation):
            // the decision on the grant as it is now names why.
            grant = grantById(read.grantId());
            decision = decide(grant, reader, read, now);
        }
        DenialReason reason = decision instanceof ReadDecision.Denied denied
                ? denied.reason() : DenialReason.BUDGET_EXHAUSTED;
        return denied(reader.username(), read, grant, reason.name());
    }

    private Grant grantById(String grantId) {
        return grantId == null || grantId.isBlank() ? null : requests.grantById(grantId).orElse(null);
    }

    private ReadDecision decide(Grant grant, Caller reader, ReadRequest read, Instant now) {
        // The repository keeps the request APPROVED while its grant is live and REVOKED once revoked.
        AccessRequestStatus status = grant == null ? null
                : grant.isRevoked() ? AccessRequestStatus.REVOKED : AccessRequestStatus.APPROVED;
        return authorization.decide(grant, status, reader, read.subjectEmployeeId(), read.scope(), now);
    }

    private ReadOutcome denied(String actor, ReadRequest read, Grant grant, String reason) {
        ObjectNode data = data(read, grant == null ? null : grant.requestId());
        data.put("denialReason", reason);
        AuditRecord record = auditLog.append(READ_DENIED, actor, blankToNull(read.subjectEmployeeId()), data);
        return new ReadOutcome(false, reason, 0, null, record.seq());
    }

    private static ObjectNode data(ReadRequest read, String requestId) {
        ObjectNode data = NODES.objectNode();
        putIfPresent(data, "grantId", blankToNull(read.grantId()));
        putIfPresent(data, "requestId", requestId);
        putIfPresent(data, "from", read.from() == null ? null : read.from().toString());
        putIfPresent(data, "to", read.to() == null ? null : read.to().toString());
        putIfPresent(data, "conversationId", read.conversationId());
        return data;
    }

    private static void putIfPresent(ObjectNode data, String field, String value) {
        if (value != null) {
            data.put(field, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
