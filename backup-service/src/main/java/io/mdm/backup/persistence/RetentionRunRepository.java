package io.mdm.backup.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.mdm.backup.domain.RetentionRun;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.BackupEvents.RetentionPurged;
import io.mdm.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * One document per retention run in collection {@value #COLLECTION}: what it did, who started it,
 * and its {@code retention-purged} event (see {@link Outbox}). Only written, never queried here.
 */
@ApplicationScoped
public class RetentionRunRepository {

    static final String COLLECTION = "retention_runs";

    private final MongoCollection<Document> runs;
    private final Outbox outbox;

    public RetentionRunRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                  Outbox outbox) {
        this.runs = mongo.getDatabase(database).getCollection(COLLECTION);
        this.outbox = outbox;
    }

    /** Stores a finished run with its event, keyed by the run's id. */
    public void record(String runId, String startedBy, Instant startedAt, Instant finishedAt, RetentionRun run) {
        Document event = outbox.entry(Topics.BACKUP, runId, EventTypes.BACKUP_RETENTION_PURGED, runId,
                new RetentionPurged(run.purged(), run.keptUnderHold(), finishedAt));
        runs.insertOne(new Document("_id", runId)
                .append("startedBy", startedBy)
                .append("startedAt", Date.from(startedAt))
                .append("finishedAt", Date.from(finishedAt))
                .append("purged", run.purged())
                .append("keptUnderHold", run.keptUnderHold())
                .append(Outbox.FIELD, List.of(event)));
    }
}
