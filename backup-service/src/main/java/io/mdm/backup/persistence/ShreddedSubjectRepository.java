package io.mdm.backup.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.BackupEvents.SubjectShredded;
import io.mdm.platform.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Date;

/**
 * The employees whose data key was destroyed, in collection {@value #COLLECTION}
 * ({@code _id} = employee id): when, by whom and why (the reason stays here, never in the event).
 * Messages received before {@code shreddedAt} can no longer be opened.
 */
@ApplicationScoped
public class ShreddedSubjectRepository {

    static final String COLLECTION = "shredded_subjects";

    private final MongoCollection<Document> subjects;
    private final Outbox outbox;

    public ShreddedSubjectRepository(MongoClient mongo,
                                     @ConfigProperty(name = "quarkus.mongodb.database") String database,
                                     Outbox outbox) {
        this.subjects = mongo.getDatabase(database).getCollection(COLLECTION);
        this.outbox = outbox;
    }

    /** Records a shredding with its {@code subject-shredded} event; a later shredding of the same employee updates it. */
    public void record(String employeeId, String shreddedBy, String reason, Instant at) {
        Document event = outbox.entry(Topics.BACKUP, employeeId, EventTypes.BACKUP_SUBJECT_SHREDDED, employeeId,
                new SubjectShredded(employeeId, shreddedBy, at));
        subjects.updateOne(Filters.eq("_id", employeeId),
                Updates.combine(
                        Updates.set("shreddedAt", Date.from(at)),
                        Updates.set("shreddedBy", shreddedBy),
                        Updates.set("reason", reason),
                        Updates.inc("shreddings", 1),
                        Updates.push(Outbox.FIELD, event)),
                new UpdateOptions().upsert(true));
    }
}
