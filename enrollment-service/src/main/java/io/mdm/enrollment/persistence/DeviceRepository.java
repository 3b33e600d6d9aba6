package io.mdm.enrollment.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.DeviceEvents.DeviceEnrolled;
import io.mdm.enrollment.Device;
import io.mdm.enrollment.Ownership;
import io.mdm.platform.events.Outbox;
import io.mdm.platform.paging.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Devices, and the consent evidence of each enrollment (insert-only, never deleted). */
@ApplicationScoped
public class DeviceRepository {

    private final MongoCollection<Document> devices;
    private final MongoCollection<Document> consents;
    private final Outbox outbox;

    public DeviceRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                            Outbox outbox) {
        this.devices = mongo.getDatabase(database).getCollection("devices");
        this.consents = mongo.getDatabase(database).getCollection("consents");
        this.outbox = outbox;
        devices.createIndex(Indexes.compoundIndex(Indexes.ascending("employeeId"), Indexes.descending("enrolledAt")));
        devices.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("enrolledAt")));
        devices.createIndex(Indexes.descending("enrolledAt", "_id"));
        consents.createIndex(Indexes.ascending("employeeId"));
        consents.createIndex(Indexes.ascending("deviceId"));
    }

    /** The consent first: evidence of what was accepted must exist before the device does. */
    public void insertEnrollment(Device device, String invitationId, java.time.Instant consentedAt) {
        consents.insertOne(new Document("_id", device.id())
                .append("deviceId", device.id())
                .append("employeeId", device.employeeId())
                .append("ownership", device.ownership().name())
                .append("noticeVersion", device.noticeVersion())
                .append("invitationId", invitationId)
                .append("consent", true)
                .append("consentedAt", Date.from(consentedAt)));
        Document event = outbox.entry(Topics.DEVICE, device.id(), EventTypes.DEVICE_ENROLLED, device.id(),
                new DeviceEnrolled(device.id(), device.employeeId(), device.ownership().name(), device.platform().name(),
                        device.osVersion(), device.model(), device.noticeVersion(), device.enrolledAt()));
        devices.insertOne(toDocument(device).append(Outbox.FIELD, List.of(event)));
    }

    public Optional<Device> byId(String id) {
        return Optional.ofNullable(devices.find(Filters.eq("_id", id)).first()).map(DeviceRepository::fromDocument);
    }

    /** Newest first, at most {@code limit} devices after the cursor. */
    public List<Device> list(Optional<String> employeeId, Optional<Device.Status> status, Optional<PageCursor> after,
                             int limit) {
        List<Bson> filters = new ArrayList<>();
        employeeId.ifPresent(id -> filters.add(Filters.eq("employeeId", id)));
        status.ifPresent(s -> filters.add(Filters.eq("status", s.name())));
        after.ifPresent(cursor -> filters.add(cursor.olderThan("enrolledAt")));
        List<Device> page = new ArrayList<>();
        devices.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.descending("enrolledAt", "_id")).limit(limit)
                .forEach(doc -> page.add(fromDocument(doc)));
        return page;
    }

    private static Document toDocument(Device d) {
        return new Document("_id", d.id())
                .append("employeeId", d.employeeId())
                .append("ownership", d.ownership().name())
                .append("platform", d.platform().name())
                .append("osVersion", d.osVersion())
                .append("model", d.model())
                .append("agentVersion", d.agentVersion())
                .append("status", d.status().name())
                .append("enrolledAt", Date.from(d.enrolledAt()))
                .append("noticeVersion", d.noticeVersion())
                .append("secretHash", d.secretHash());
    }

    private static Device fromDocument(Document d) {
        return new Device(d.getString("_id"), d.getString("employeeId"), Ownership.valueOf(d.getString("ownership")),
                Device.Platform.valueOf(d.getString("platform")), d.getString("osVersion"), d.getString("model"),
                d.getString("agentVersion"), Device.Status.valueOf(d.getString("status")),
                d.getDate("enrolledAt").toInstant(), d.getInteger("noticeVersion"), d.getString("secretHash"),
                InvitationRepository.instant(d, "retiredAt"));
    }
}
