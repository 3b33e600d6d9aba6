package io.mdm.policy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.Platform;
import io.mdm.policy.persistence.DeviceRepository;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.mdm.policy.DeviceEventPublisher.enrolled;
import static io.mdm.policy.DeviceEventPublisher.idOf;
import static io.mdm.policy.DeviceEventPublisher.publish;
import static io.mdm.policy.DeviceEventPublisher.unenrolled;
import static io.mdm.policy.DeviceEventPublisher.wipeRequested;
import static io.mdm.policy.DeviceEventPublisher.withId;
import static io.mdm.policy.TestDevices.DEVICES;
import static io.mdm.policy.TestDevices.asDevice;
import static io.mdm.policy.TestDevices.asPerson;
import static io.mdm.policy.TestDevices.newDeviceId;
import static io.mdm.policy.TestDevices.newEmployeeId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The device read model, fed with real CloudEvents on mdm.device.v1 as the enrollment-service sends them. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class DeviceReadModelTest {

    @Inject
    DeviceRepository devices;

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private MongoCollection<Document> stored() {
        return mongo.getDatabase(database).getCollection("devices");
    }

    private Document storedDevice(String deviceId) {
        return stored().find(Filters.eq("_id", deviceId)).first();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void anEnrolledEventMakesTheDeviceKnownWithItsFacts() {
        String employee = newEmployeeId();
        Instant enrolledAt = now();
        String deviceId = newDeviceId();

        publish(deviceId, enrolled(deviceId, employee, "CORPORATE", "IOS", enrolledAt));
        TestDevices.awaitKnown(deviceId);

        asPerson("alice").get(DEVICES + deviceId + "/effective-policy").then()
                .statusCode(200)
                .body("deviceId", equalTo(deviceId))
                .body("ownership", equalTo("CORPORATE"));
        assertEquals(new Device(deviceId, employee, Ownership.CORPORATE, Platform.IOS, Device.Status.ACTIVE, enrolledAt,
                null), devices.find(deviceId).orElseThrow());
    }

    @Test
    void aRedeliveredEventIsAppliedOnceAndAnEventIdSeenBeforeIsSkippedWhateverItCarries() {
        String employee = newEmployeeId();
        String deviceId = newDeviceId();
        String first = enrolled(deviceId, employee, "BYOD", "ANDROID", now());
        String sentinel = enrolled(deviceId, employee, "BYOD", "ANDROID", now());

        publish(deviceId, first);
        publish(deviceId, first);
        // The id of the first event on an unenrolled event: applied, it would retire the device.
        publish(deviceId, withId(unenrolled(deviceId, employee, "BYOD", now()), idOf(first)));
        publish(deviceId, sentinel);

        // Same key, same partition: once the sentinel is applied, everything before it was handled.
        Document device = Eventually.await("sentinel event applied", () -> storedDevice(deviceId),
                document -> document != null && document.getList("seenEventIds", String.class).contains(idOf(sentinel)));
        assertEquals(List.of(idOf(first), idOf(sentinel)), device.getList("seenEventIds", String.class));
        assertEquals(2, device.getInteger("revision"), "one write for the first event, one for the sentinel");
        assertEquals("ACTIVE", device.getString("status"));
        assertEquals(1, stored().countDocuments(Filters.eq("_id", deviceId)));
    }

    @Test
    void anEnrolledEventArrivingAfterTheUnenrolledOneDoesNotBringTheDeviceBack() {
        String employee = newEmployeeId();
        String deviceId = newDeviceId();
        Instant enrolledAt = now().minus(2, ChronoUnit.HOURS);
        Instant unenrolledAt = now();

        publish(deviceId, unenrolled(deviceId, employee, "BYOD", unenrolledAt));
        Device retired = Eventually.await("unenrolled event applied", () -> devices.find(deviceId).orElse(null),
                found -> found != null);
        assertEquals(Device.Status.RETIRED, retired.status());
        assertNull(retired.platform(), "the unenrolled event carries no platform");

        publish(deviceId, enrolled(deviceId, employee, "BYOD", "ANDROID", enrolledAt));
        Device late = Eventually.await("late enrolled event applied", () -> devices.find(deviceId).orElseThrow(),
                found -> found.platform() != null);

        assertEquals(new Device(deviceId, employee, Ownership.BYOD, Platform.ANDROID, Device.Status.RETIRED, enrolledAt,
                unenrolledAt), late);
        asDevice(deviceId, employee, "BYOD").body(Map.of("osVersion", "14", "passcodeSet", true, "encrypted", true,
                        "workApps", List.of(), "reportedAt", now().toString()))
                .post(DEVICES + deviceId + "/compliance-reports").then()
                .statusCode(409)
                .contentType("application/problem+json");
        asDevice(deviceId, employee, "BYOD").get(DEVICES + deviceId + "/effective-policy").then()
                .statusCode(200)
                .body("deviceId", equalTo(deviceId));
    }

    @Test
    void anUnenrolledEventRetiresAnActiveDevice() {
        String employee = newEmployeeId();
        String deviceId = TestDevices.enroll(employee, "BYOD", "IOS");

        publish(deviceId, unenrolled(deviceId, employee, "BYOD", now()));

        Device retired = Eventually.await("unenrolled event applied", () -> devices.find(deviceId).orElseThrow(),
                Device::isRetired);
        assertEquals(Platform.IOS, retired.platform());
    }

    @Test
    void otherEventTypesAndUnreadableRecordsAreSkippedWithoutStoppingTheConsumer() {
        String employee = newEmployeeId();
        String deviceId = newDeviceId();
        String sentinel = enrolled(deviceId, employee, "BYOD", "ANDROID", now());

        publish(deviceId, wipeRequested(deviceId, employee, now()));
        publish(deviceId, "this is not a CloudEvent");
        publish(deviceId, "{\"specversion\":\"1.0\",\"id\":\"" + newDeviceId() + "\",\"source\":\"/x\","
                + "\"type\":\"mdm.device.enrolled\",\"data\":{\"deviceId\":\"" + deviceId + "\"}}");
        publish(deviceId, sentinel);

        Document device = Eventually.await("sentinel event applied", () -> storedDevice(deviceId),
                document -> document != null);
        assertEquals(List.of(idOf(sentinel)), device.getList("seenEventIds", String.class),
                "neither the wipe request nor the unreadable records touched the device");
        assertEquals(1, device.getInteger("revision"));
    }
}
