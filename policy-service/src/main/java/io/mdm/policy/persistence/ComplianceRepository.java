package io.mdm.policy.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.PolicyEvents.ComplianceChanged;
import io.mdm.platform.events.Outbox;
import io.mdm.policy.DeviceCompliance;
import io.mdm.policy.domain.ComplianceResult;
import io.mdm.policy.domain.ComplianceStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The latest compliance evaluation of each device, collection {@code compliance}, one document
 * per device id. A change of status carries its {@code mdm.compliance.changed} event in the same
 * document write (the outbox); an evaluation with the stored status changes the document only.
 * Writes are conditional on a {@code revision} counter, so two reports racing for one device
 * never both see the old status and emit the same change twice.
 */
@ApplicationScoped
public class ComplianceRepository {

    static final String COLLECTION = "compliance";
    /** Each lost attempt means another report of the device was stored; a handful of rounds is plenty. */
    static final int MAX_WRITE_ATTEMPTS = 10;

    private final MongoCollection<Document> compliance;
    private final Outbox outbox;

    public ComplianceRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                Outbox outbox) {
        this.compliance = mongo.getDatabase(database).getCollection(COLLECTION);
        this.outbox = outbox;
    }

    /** What storing an evaluation did. */
    public enum Outcome {
        /** Stored, and its status differs from the previous one (or it is the first): an event was emitted. */
        STATUS_CHANGED,
        /** Stored with the same status as before: no event. */
        STATUS_UNCHANGED,
        /** Not stored: the stored evaluation is of a report the phone made later. */
        SUPERSEDED
    }

    public Optional<DeviceCompliance> latest(String deviceId) {
        return Optional.ofNullable(compliance.find(Filters.eq("_id", deviceId))
                .projection(Projections.exclude(Outbox.FIELD)).first()).map(ComplianceRepository::evaluation);
    }

    /** Stores the evaluation as the device's latest, unless a later report's evaluation is stored already. */
    public Outcome record(DeviceCompliance evaluation) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Document current = compliance.find(Filters.eq("_id", evaluation.deviceId()))
                    .projection(Projections.exclude(Outbox.FIELD)).first();
            if (current == null) {
                Document first = document(evaluation).append("_id", evaluation.deviceId()).append("revision", 1)
                        .append(Outbox.FIELD, List.of(changed(evaluation, null)));
                if (inserted(first)) {
                    return Outcome.STATUS_CHANGED;
                }
                continue;
            }
            DeviceCompliance previous = evaluation(current);
            if (evaluation.reportedAt().isBefore(previous.reportedAt())) {
                return Outcome.SUPERSEDED;
            }
            boolean statusChanged = previous.status() != evaluation.status();
            int revision = current.getInteger("revision");
            List<Bson> changes = new ArrayList<>();
            document(evaluation).forEach((field, value) -> changes.add(Updates.set(field, value)));
            changes.add(Updates.set("revision", revision + 1));
            if (statusChanged) {
                changes.add(Updates.push(Outbox.FIELD, changed(evaluation, previous.status())));
            }
            long matched = compliance.updateOne(
                    Filters.and(Filters.eq("_id", evaluation.deviceId()), Filters.eq("revision", revision)),
                    Updates.combine(changes)).getMatchedCount();
            if (matched == 1) {
                return statusChanged ? Outcome.STATUS_CHANGED : Outcome.STATUS_UNCHANGED;
            }
        }
        throw new IllegalStateException("compliance of device " + evaluation.deviceId() + " kept changing");
    }

    private boolean inserted(Document document) {
        try {
            compliance.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The event names the rules the phone broke, never the values it reported. */
    private Document changed(DeviceCompliance evaluation, ComplianceStatus previous) {
        return outbox.entry(Topics.POLICY, evaluation.deviceId(), EventTypes.COMPLIANCE_CHANGED, evaluation.deviceId(),
                new ComplianceChanged(evaluation.deviceId(), evaluation.employeeId(), evaluation.status().name(),
                        previous == null ? null : previous.name(),
                        evaluation.result().reasons().stream().map(ComplianceResult.Reason::rule).toList(),
                        evaluation.evaluatedAt()));
    }

    private static Document document(DeviceCompliance evaluation) {
        return new Document("employeeId", evaluation.employeeId())
                .append("status", evaluation.status().name())
                .append("reasons", evaluation.result().reasons().stream()
                        .map(reason -> new Document("rule", reason.rule()).append("message", reason.message()))
                        .toList())
                .append("reportedAt", Date.from(evaluation.reportedAt()))
                .append("evaluatedAt", Date.from(evaluation.evaluatedAt()));
    }

    private static DeviceCompliance evaluation(Document document) {
        List<ComplianceResult.Reason> reasons = document.getList("reasons", Document.class).stream()
                .map(reason -> new ComplianceResult.Reason(reason.getString("rule"), reason.getString("message")))
                .toList();
        return new DeviceCompliance(document.getString("_id"), document.getString("employeeId"),
                new ComplianceResult(ComplianceStatus.valueOf(document.getString("status")), reasons),
                document.getDate("reportedAt").toInstant(), document.getDate("evaluatedAt").toInstant());
    }
}
