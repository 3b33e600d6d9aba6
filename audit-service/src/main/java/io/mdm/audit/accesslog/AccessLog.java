package io.mdm.audit.accesslog;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.Approval;
import io.mdm.audit.access.Grant;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.store.AuditLogStore;
import io.mdm.audit.log.store.StoredRecord;
import io.mdm.audit.persistence.AccessRequestPage;
import io.mdm.audit.persistence.NotifiedAccessRequests;
import io.mdm.audit.persistence.PageCursor;
import io.mdm.audit.readgate.ReadGate;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An employee's access log (PRODUCT.md: the employee learns of every access to their data): the
 * approved requests about them whose notification time has come, with the reads made. The reads
 * come from the audit log itself, the record every read must leave before it happens, so the
 * employee sees exactly what the tamper-evident log holds.
 */
@ApplicationScoped
public class AccessLog {

    /** Records per round trip when collecting reads. */
    private static final int READ_BATCH = 500;

    private final NotifiedAccessRequests requests;
    private final AuditLogStore records;
    private final Clock clock;

    public AccessLog(NotifiedAccessRequests requests, AuditLogStore records, Clock clock) {
        this.requests = requests;
        this.records = records;
        this.clock = clock;
    }

    public AccessLogPage of(String employeeId, int limit, PageCursor after) {
        AccessRequestPage page = requests.about(employeeId, clock.instant(), limit, after);
        Set<String> grantIds = page.items().stream().map(r -> r.grant().id()).collect(Collectors.toSet());
        Map<String, List<AccessLogEntry.Read>> reads = grantIds.isEmpty() ? Map.of() : readsOf(employeeId, grantIds);
        List<AccessLogEntry> items = page.items().stream()
                .map(request -> entry(request, reads.getOrDefault(request.grant().id(), List.of())))
                .toList();
        return new AccessLogPage(items, page.next() == null ? null : page.next().encode());
    }

    /** The authorized reads about the employee, by grant, in seq order (served by the index on subject and seq). */
    private Map<String, List<AccessLogEntry.Read>> readsOf(String employeeId, Set<String> grantIds) {
        Map<String, List<AccessLogEntry.Read>> byGrant = new HashMap<>();
        long afterSeq = -1;
        List<StoredRecord> batch;
        do {
            batch = records.page(afterSeq, Long.MAX_VALUE, ReadGate.READ_AUTHORIZED, employeeId, READ_BATCH);
            for (StoredRecord stored : batch) {
                AuditRecord record = stored.record();
                JsonNode grantId = record.data().path("grantId");
                if (grantId.isTextual() && grantIds.contains(grantId.asText())) {
                    byGrant.computeIfAbsent(grantId.asText(), id -> new ArrayList<>())
                            .add(new AccessLogEntry.Read(record.time(), record.actor()));
                }
                afterSeq = record.seq();
            }
        } while (batch.size() == READ_BATCH);
        return byGrant;
    }

    private static AccessLogEntry entry(AccessRequest request, List<AccessLogEntry.Read> reads) {
        Grant grant = request.grant();
        return new AccessLogEntry(request.id(), request.requestedBy(),
                request.approvals().stream().map(Approval::approver).toList(),
                request.reason(), request.legalBasis(),
                new AccessLogEntry.Scope(grant.scope().from(), grant.scope().to(), List.copyOf(grant.scope().conversationIds())),
                grant.validFrom(), grant.validUntil(), request.status(), reads);
    }
}
