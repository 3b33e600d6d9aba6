package io.mdm.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.mdm.backup.BackupApi.Phone;
import io.mdm.contracts.EventTypes;
import io.mdm.testkit.AdjustableClock;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.mdm.backup.BackupApi.EVENT_TIMEOUT;
import static io.mdm.backup.BackupApi.RETENTION;
import static io.mdm.backup.BackupApi.as;
import static io.mdm.backup.BackupApi.backupTopic;
import static io.mdm.backup.BackupApi.messages;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
class RetentionTest {

    /** The shortest retention policy-service allows; no other test archives under it. */
    private static final FakePolicyService.Policy ONE_DAY = new FakePolicyService.Policy(List.of(WORKCHAT), true, 1);

    @Inject
    AdjustableClock clock;

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long stored(Phone phone) {
        return mongo.getDatabase(database).getCollection("messages")
                .countDocuments(Filters.eq("employeeId", phone.employeeId()));
    }

    @Test
    void retentionPurgesExpiredMessagesButNotUnderHoldUntilTheHoldIsReleased() {
        Phone held = Phone.fresh().withPolicy(ONE_DAY);
        Phone free = Phone.fresh().withPolicy(ONE_DAY);
        Phone longer = Phone.fresh().withPolicy(new FakePolicyService.Policy(List.of(WORKCHAT), true, 30));
        held.upload(messages(5, WORKCHAT)).statusCode(200);
        free.upload(messages(4, WORKCHAT)).statusCode(200);
        longer.upload(messages(2, WORKCHAT)).statusCode(200);
        String hold = BackupApi.placeHold(held.employeeId());

        as("alice").post(RETENTION).then().statusCode(200);
        assertEquals(5, stored(held));
        assertEquals(4, stored(free), "nothing has expired yet");

        clock.advance(Duration.ofDays(2));
        try (TopicReader reader = backupTopic()) {
            JsonPath run = as("alice").post(RETENTION).then().statusCode(200).extract().jsonPath();
            // Other tests archive under 365 days only, so these counts are this test's messages.
            assertEquals(4, run.getLong("purged"));
            assertEquals(5, run.getLong("keptUnderHold"));
            assertEquals(0, stored(free));
            assertEquals(5, stored(held));
            assertEquals(2, stored(longer));

            TopicReader.Event event = reader.await(e -> e.type().equals(EventTypes.BACKUP_RETENTION_PURGED)
                    && e.data().path("purged").asLong() == 4 && e.data().path("keptUnderHold").asLong() == 5,
                    EVENT_TIMEOUT);
            assertTrue(event.data().has("at"));
        }

        BackupApi.releaseHold(hold);
        JsonPath afterRelease = as("alice").post(RETENTION).then().statusCode(200).extract().jsonPath();
        assertEquals(5, afterRelease.getLong("purged"));
        assertEquals(0, afterRelease.getLong("keptUnderHold"));
        assertEquals(0, stored(held), "released, the held messages are purged");
        assertEquals(2, stored(longer));
    }

    @Test
    void onlyAdministratorsRunRetention() {
        as("carol").post(RETENTION).then().statusCode(403).contentType("application/problem+json");
        as("erin").post(RETENTION).then().statusCode(403);
        RestAssured.given().auth().oauth2(Phone.fresh().token()).post(RETENTION).then().statusCode(403);
        as("alice").post(RETENTION).then().statusCode(200);
    }
}
