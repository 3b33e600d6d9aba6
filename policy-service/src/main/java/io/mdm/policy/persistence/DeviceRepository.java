package io.mdm.policy.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.mdm.policy.Device;
import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.Platform;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The device read model, collection {@code devices}: one document per device id, written only
 * through {@link Device#combinedWith}, so the stored device does not depend on the order in
 * which events and directory answers arrive.
 *
 * <p>Each document keeps the ids of the last {@value #SEEN_EVENT_IDS_KEPT} events applied to it
 * ({@code seenEventIds}), written in the same update as the change, so a redelivered event is
 * recognised and skipped. The bound is safe: re-applying an event older than that changes
 * nothing, as combining is idempotent. Writes are conditional on a {@code revision} counter;
 * a writer that loses a race reads again and retries.
 */
@ApplicationScoped
public class DeviceRepository {

    static final String COLLECTION = "devices";
    static final int SEEN_EVENT_IDS_KEPT = 50;
    /** Each lost attempt means another account of the device was stored; a handful of rounds is plenty. */
    static final int MAX_WRITE_ATTEMPTS = 10;

    private final MongoCollection<Document> devices;

    public DeviceRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.devices = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Whether an event was applied now, or had been applied before. */
    public enum EventOutcome { APPLIED, DUPLICATE }

    public Optional<Device> find(String deviceId) {
        return Optional.ofNullable(devices.find(Filters.eq("_id", deviceId)).first()).map(DeviceRepository::device);
    }

    /**
     * Applies the account of the device that event {@code eventId} gives, unless that event was
     * applied already.
     *
     * @param eventTime the event's {@code time}; null when the producer gave none
     */
    public EventOutcome apply(String eventId, Instant eventTime, Device observed) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Document current = devices.find(Filters.eq("_id", observed.id())).first();
            if (current == null) {
                Document created = document(observed, 1).append("seenEventIds", List.of(eventId));
                if (eventTime != null) {
                    created.append("lastEventTime", Date.from(eventTime));
                }
                if (inserted(created)) {
                    return EventOutcome.APPLIED;
                }
                continue;
            }
            if (current.getList("seenEventIds", String.class, List.of()).contains(eventId)) {
                return EventOutcome.DUPLICATE;
            }
            List<Bson> changes = new ArrayList<>(fieldUpdates(device(current).combinedWith(observed)));
            changes.add(Updates.pushEach("seenEventIds", List.of(eventId), new PushOptions().slice(-SEEN_EVENT_IDS_KEPT)));
            if (eventTime != null) {
                changes.add(Updates.max("lastEventTime", Date.from(eventTime)));
            }
            if (updatedAt(current, changes)) {
                return EventOutcome.APPLIED;
            }
        }
        throw new IllegalStateException("device " + observed.id() + " kept changing; event " + eventId + " not applied");
    }

    /**
     * Stores the directory's account of a device, combined with any account that arrived
     * meanwhile, and returns the device as now stored.
     */
    public Device remember(Device described) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Document current = devices.find(Filters.eq("_id", described.id())).first();
            if (current == null) {
                if (inserted(document(described, 1).append("seenEventIds", List.of()))) {
                    return described;
                }
                continue;
            }
            Device combined = device(current).combinedWith(described);
            if (updatedAt(current, fieldUpdates(combined))) {
                return combined;
            }
        }
        throw new IllegalStateException("device " + described.id() + " kept changing; directory answer not stored");
    }

    private boolean inserted(Document document) {
        try {
            devices.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Writes the changes only if no one wrote the device since {@code current} was read. */
    private boolean updatedAt(Document current, List<Bson> changes) {
        int revision = current.getInteger("revision");
        List<Bson> all = new ArrayList<>(changes);
        all.add(Updates.set("revision", revision + 1));
        return devices.updateOne(Filters.and(Filters.eq("_id", current.getString("_id")), Filters.eq("revision", revision)),
                Updates.combine(all)).getMatchedCount() == 1;
    }

    private static List<Bson> fieldUpdates(Device device) {
        return fields(device).entrySet().stream().map(field -> Updates.set(field.getKey(), field.getValue())).toList();
    }

    private static Document document(Device device, int revision) {
        Document document = new Document("_id", device.id()).append("revision", revision);
        document.putAll(fields(device));
        return document;
    }

    private static Document fields(Device device) {
        return new Document("employeeId", device.employeeId())
                .append("ownership", device.ownership().name())
                .append("platform", device.platform() == null ? null : device.platform().name())
                .append("status", device.status().name())
                .append("enrolledAt", date(device.enrolledAt()))
                .append("retiredAt", date(device.retiredAt()));
    }

    private static Device device(Document document) {
        String platform = document.getString("platform");
        Date enrolledAt = document.getDate("enrolledAt");
        Date retiredAt = document.getDate("retiredAt");
        return new Device(document.getString("_id"), document.getString("employeeId"),
                Ownership.valueOf(document.getString("ownership")), platform == null ? null : Platform.valueOf(platform),
                Device.Status.valueOf(document.getString("status")),
                enrolledAt == null ? null : enrolledAt.toInstant(), retiredAt == null ? null : retiredAt.toInstant());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
