package io.mdm.enrollment.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.DeviceEvents.CommandAcknowledged;
import io.mdm.contracts.events.DeviceEvents.DeviceEnrolled;
import io.mdm.contracts.events.DeviceEvents.DeviceUnenrolled;
import io.mdm.contracts.events.DeviceEvents.WipeRequested;
import io.mdm.enrollment.DeviceCommand;
import io.mdm.enrollment.WipeScope;
import com.mongodb.client.model.Updates;
import io.mdm.enrollment.Device;
import io.mdm.enrollment.Ownership;
import io.mdm.platform.events.Outbox;
import io.mdm.platform.paging.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
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
    public void insertEnrollment(Device device, String invitationId, Instant consentedAt) {
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

    /**
     * Retires an active device and queues its work-data wipe, with both events, in one document
     * update. False when the device was not active any more.
     */
    public boolean retire(Device device, String by, DeviceCommand wipe, Instant at) {
        List<Document> events = List.of(
                outbox.entry(Topics.DEVICE, device.id(), EventTypes.DEVICE_UNENROLLED, device.id(),
                        new DeviceUnenrolled(device.id(), device.employeeId(), device.ownership().name(), by, at)),
                wipeRequested(device, wipe));
        return devices.updateOne(Filters.and(Filters.eq("_id", device.id()), Filters.eq("status", Device.Status.ACTIVE.name())),
                Updates.combine(Updates.set("status", Device.Status.RETIRED.name()), Updates.set("retiredAt", Date.from(at)),
                        Updates.set("retiredBy", by), Updates.push("commands", toDocument(wipe)), Updates.inc("version", 1),
                        Updates.pushEach(Outbox.FIELD, events))).getModifiedCount() == 1;
    }

    /** Queues a command for an active device; false when it is retired. */
    public boolean queue(Device device, DeviceCommand command) {
        return devices.updateOne(Filters.and(Filters.eq("_id", device.id()), Filters.eq("status", Device.Status.ACTIVE.name())),
                Updates.combine(Updates.push("commands", toDocument(command)), Updates.inc("version", 1),
                        Updates.push(Outbox.FIELD, wipeRequested(device, command)))).getModifiedCount() == 1;
    }

    public List<DeviceCommand> commands(String deviceId) {
        Document doc = devices.find(Filters.eq("_id", deviceId)).projection(new Document("commands", 1)).first();
        if (doc == null) {
            return List.of();
        }
        return doc.getList("commands", Document.class, List.of()).stream().map(DeviceRepository::commandOf).toList();
    }

    public enum AckOutcome { ACKNOWLEDGED, UNKNOWN_COMMAND, ALREADY_ACKNOWLEDGED, CHANGED_CONCURRENTLY }

    /** Records the phone's answer to a command, once; optimistic on the device document's version. */
    public AckOutcome acknowledge(Device device, String commandId, DeviceCommand.Status result, String detail, Instant at) {
        Document doc = devices.find(Filters.eq("_id", device.id())).projection(
                new Document("commands", 1).append("version", 1)).first();
        if (doc == null) {
            return AckOutcome.UNKNOWN_COMMAND;
        }
        List<DeviceCommand> commands = new ArrayList<>(
                doc.getList("commands", Document.class, List.of()).stream().map(DeviceRepository::commandOf).toList());
        int index = -1;
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).id().equals(commandId)) {
                index = i;
            }
        }
        if (index < 0) {
            return AckOutcome.UNKNOWN_COMMAND;
        }
        if (!commands.get(index).isPending()) {
            return AckOutcome.ALREADY_ACKNOWLEDGED;
        }
        DeviceCommand acknowledged = commands.get(index).acknowledge(result, detail, at);
        commands.set(index, acknowledged);
        Document event = outbox.entry(Topics.DEVICE, device.id(), EventTypes.DEVICE_COMMAND_ACKNOWLEDGED, device.id(),
                new CommandAcknowledged(device.id(), device.employeeId(), commandId, acknowledged.type().name(),
                        result.name(), at));
        boolean stored = devices.updateOne(Filters.and(Filters.eq("_id", device.id()),
                        Filters.eq("version", doc.getInteger("version", 0))),
                Updates.combine(Updates.set("commands", commands.stream().map(DeviceRepository::toDocument).toList()),
                        Updates.inc("version", 1), Updates.push(Outbox.FIELD, event))).getModifiedCount() == 1;
        return stored ? AckOutcome.ACKNOWLEDGED : AckOutcome.CHANGED_CONCURRENTLY;
    }

    private Document wipeRequested(Device device, DeviceCommand wipe) {
        return outbox.entry(Topics.DEVICE, device.id(), EventTypes.DEVICE_WIPE_REQUESTED, device.id(),
                new WipeRequested(device.id(), device.employeeId(), wipe.id(), wipe.scope().name(), wipe.requestedBy(),
                        wipe.requestedAt()));
    }

    private static Document toDocument(DeviceCommand c) {
        return new Document("id", c.id())
                .append("type", c.type().name())
                .append("scope", c.scope() == null ? null : c.scope().name())
                .append("reason", c.reason())
                .append("requestedBy", c.requestedBy())
                .append("requestedAt", Date.from(c.requestedAt()))
                .append("status", c.status().name())
                .append("acknowledgedAt", c.acknowledgedAt() == null ? null : Date.from(c.acknowledgedAt()))
                .append("detail", c.detail());
    }

    private static DeviceCommand commandOf(Document d) {
        return new DeviceCommand(d.getString("id"), DeviceCommand.Type.valueOf(d.getString("type")),
                d.getString("scope") == null ? null : WipeScope.valueOf(d.getString("scope")), d.getString("reason"),
                d.getString("requestedBy"), d.getDate("requestedAt").toInstant(),
                DeviceCommand.Status.valueOf(d.getString("status")), InvitationRepository.instant(d, "acknowledgedAt"),
                d.getString("detail"));
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
                .append("secretHash", d.secretHash())
                .append("commands", List.of())
                .append("version", 0);
    }

    private static Device fromDocument(Document d) {
        return new Device(d.getString("_id"), d.getString("employeeId"), Ownership.valueOf(d.getString("ownership")),
                Device.Platform.valueOf(d.getString("platform")), d.getString("osVersion"), d.getString("model"),
                d.getString("agentVersion"), Device.Status.valueOf(d.getString("status")),
                d.getDate("enrolledAt").toInstant(), d.getInteger("noticeVersion"), d.getString("secretHash"),
                InvitationRepository.instant(d, "retiredAt"));
    }
}
