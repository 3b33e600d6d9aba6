package io.mdm.audit.accessaudit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.log.CanonicalJson;
import io.mdm.audit.log.service.AuditLog;
import io.mdm.audit.log.store.AuditEntry;
import io.mdm.audit.persistence.AccessRequestRepository;
import io.mdm.platform.events.EventsConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Puts every stored change of an access request into the audit log, without losing one when the
 * service stops between the two writes. The repository writes the change's audit entry into the
 * request's document, in field {@value #FIELD}, in the SAME update as the change itself; right
 * after, {@link #appendPending} appends it and removes it from the document. An entry left there
 * (a crash, MongoDB gone for a moment) is appended by the sweep that runs every 30 seconds. The
 * entry's source id (request id and version) makes a second append of it a no-op.
 *
 * <p>What remains: such a late entry lands in the log after records appended meanwhile, possibly
 * after a later change of the same request; its {@code version} tells the true order.
 */
@ApplicationScoped
public class AccessAuditTrail {

    public static final String FIELD = "auditPending";

    /** A pending entry younger than this is left to the request that wrote it. */
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final int SWEEP_BATCH = 200;
    private static final Logger LOG = Logger.getLogger(AccessAuditTrail.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditLog log;
    private final AccessAuditEntries entries;
    private final MongoCollection<Document> requests;
    private final Clock clock;

    public AccessAuditTrail(AuditLog log, EventsConfig events, MongoClient mongo,
                            @ConfigProperty(name = "quarkus.mongodb.database") String database, Clock clock) {
        this.log = log;
        this.entries = new AccessAuditEntries(events.source());
        this.requests = mongo.getDatabase(database).getCollection(AccessRequestRepository.COLLECTION);
        this.clock = clock;
        requests.createIndex(Indexes.ascending(FIELD + ".at"));
    }

    /** The audit entry of {@code stored} as a pending document, to be written with the change. */
    public Document pendingEntry(AccessRequest stored) {
        AuditEntry entry = entries.entryFor(stored);
        Document pending = new Document("sourceId", entry.sourceId())
                .append("at", Date.from(clock.instant()))
                .append("type", entry.type())
                .append("actor", entry.actor());
        if (entry.subjectEmployeeId() != null) {
            pending.append("subjectEmployeeId", entry.subjectEmployeeId());
        }
        return pending.append("data", new String(CanonicalJson.serialize(entry.data()), StandardCharsets.UTF_8));
    }

    /**
     * Appends the request's pending audit entries, in the order they were written, and removes
     * them. A failure is logged and left to the sweep: the change itself is already stored.
     */
    public void appendPending(String requestId) {
        try {
            Document request = requests.find(Filters.eq("_id", requestId)).projection(Projections.include(FIELD)).first();
            if (request != null) {
                append(request);
            }
        } catch (RuntimeException e) {
            LOG.warnf("The audit record of access request %s waits for the next sweep: %s", requestId,
                    e.getClass().getSimpleName());
        }
    }

    @Scheduled(every = "30s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void appendForgottenEntries() {
        appendPendingOlderThan(clock.instant().minus(GRACE));
    }

    /**
     * Appends the pending entries of every request that has one written at or before {@code before}.
     *
     * @return how many requests had such entries
     */
    public int appendPendingOlderThan(Instant before) {
        int swept = 0;
        for (Document request : requests.find(Filters.lte(FIELD + ".at", Date.from(before)))
                .projection(Projections.include(FIELD)).limit(SWEEP_BATCH)) {
            append(request);
            swept++;
        }
        return swept;
    }

    private void append(Document request) {
        List<Document> pending = request.getList(FIELD, Document.class, List.of());
        if (pending.isEmpty()) {
            return;
        }
        log.appendAll(pending.stream().map(AccessAuditTrail::toEntry).toList());
        List<String> appended = pending.stream().map(entry -> entry.getString("sourceId")).toList();
        requests.updateOne(Filters.eq("_id", request.get("_id")),
                new Document("$pull", new Document(FIELD, new Document("sourceId", new Document("$in", appended)))));
    }

    private static AuditEntry toEntry(Document pending) {
        try {
            return new AuditEntry(pending.getString("type"), pending.getString("actor"),
                    pending.getString("subjectEmployeeId"), JSON.readTree(pending.getString("data")),
                    pending.getString("sourceId"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pending audit entry " + pending.getString("sourceId") + " is not JSON", e);
        }
    }
}
