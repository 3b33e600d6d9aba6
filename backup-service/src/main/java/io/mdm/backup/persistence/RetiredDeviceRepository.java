package io.mdm.backup.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Date;

/**
 * The devices the enrollment-service retired, learned from its {@code mdm.device.unenrolled}
 * events, in collection {@value #COLLECTION} ({@code _id} = device id). A device token does not
 * say that its device was retired, so ingest asks here.
 */
@ApplicationScoped
public class RetiredDeviceRepository {

    static final String COLLECTION = "retired_devices";

    private final MongoCollection<Document> devices;

    public RetiredDeviceRepository(MongoClient mongo,
                                   @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.devices = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    public boolean isRetired(String deviceId) {
        return devices.find(Filters.eq("_id", deviceId)).projection(Projections.include("_id")).first() != null;
    }

    /**
     * Records a retirement once: a device is retired once, so a redelivered event (same event id)
     * or a second event about the same device finds it recorded and changes nothing.
     *
     * @return false when the device was recorded before
     */
    public boolean recordRetirement(String deviceId, String employeeId, Instant retiredAt, String eventId) {
        try {
            devices.insertOne(new Document("_id", deviceId)
                    .append("employeeId", employeeId)
                    .append("retiredAt", Date.from(retiredAt))
                    .append("eventId", eventId));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
