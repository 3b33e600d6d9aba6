package io.mdm.audit.log.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.store.AuditEntry;
import io.mdm.audit.log.store.AuditLogStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Appends to the tamper-evident audit log. An append returns once the record is durable: stored
 * and covered by the log's head (with the connection's write concern, {@code w=majority} on a
 * replica set). Blocking: call it from a worker thread, never from the event loop.
 */
@ApplicationScoped
public class AuditLog {

    private final AuditLogStore store;

    public AuditLog(AuditLogStore store) {
        this.store = store;
    }

    /**
     * @param subjectEmployeeId the employee the record is about, or null
     * @param data              a JSON object
     * @return the stored record, with its seq
     */
    public AuditRecord append(String type, String actor, String subjectEmployeeId, JsonNode data) {
        return append(new AuditEntry(type, actor, subjectEmployeeId, data));
    }

    /** Appends one entry; with a source id already in the log, answers that source's record instead. */
    public AuditRecord append(AuditEntry entry) {
        return store.append(List.of(entry)).getFirst();
    }

    /** Appends the entries in order, in as few writes as it can; one record per entry, in the same order. */
    public List<AuditRecord> appendAll(List<AuditEntry> entries) {
        return store.append(entries);
    }
}
