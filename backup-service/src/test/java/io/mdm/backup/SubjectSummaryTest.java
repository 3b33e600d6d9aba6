package io.mdm.backup;

import io.mdm.backup.BackupApi.Phone;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.mdm.backup.BackupApi.as;
import static io.mdm.backup.BackupApi.message;
import static io.mdm.backup.BackupApi.millis;
import static io.mdm.backup.BackupApi.summaryPath;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
class SubjectSummaryTest {

    @Test
    void summaryCountsTheMessagesAndShowsTheHoldButNoContent() {
        Phone phone = Phone.fresh();
        Instant now = Instant.now();
        Instant first = now.minus(Duration.ofDays(3)).plusNanos(123_456_789);
        Instant last = now.minus(Duration.ofMinutes(5));
        // Uploaded out of order, and in two batches: first and last come from the stored sentAt, not the upload.
        phone.upload(List.of(message(WORKCHAT, now.minus(Duration.ofDays(1))), message(WORKCHAT, last)))
                .statusCode(200);
        phone.upload(List.of(message(WORKCHAT, first), message(WORKCHAT, now.minus(Duration.ofDays(2)))))
                .statusCode(200);

        JsonPath summary = as("carol").get(summaryPath(phone.employeeId())).then()
                .statusCode(200)
                .body("messageCount", equalTo(4))
                .body("onLegalHold", equalTo(false))
                .extract().jsonPath();
        assertEquals(millis(first), Instant.parse(summary.getString("firstSentAt")));
        assertEquals(millis(last), Instant.parse(summary.getString("lastSentAt")));
        assertEquals(List.of("firstSentAt", "lastSentAt", "messageCount", "onLegalHold"),
                summary.getMap("").keySet().stream().sorted().toList(), "no content, only the summary");

        String hold = BackupApi.placeHold(phone.employeeId());
        as("carla").get(summaryPath(phone.employeeId())).then().statusCode(200).body("onLegalHold", equalTo(true));
        BackupApi.releaseHold(hold);
        as("carol").get(summaryPath(phone.employeeId())).then().statusCode(200).body("onLegalHold", equalTo(false));
    }

    @Test
    void anEmployeeWithoutBackupHasAnEmptySummary() {
        as("carol").get(summaryPath(Phone.fresh().employeeId())).then()
                .statusCode(200)
                .body("messageCount", equalTo(0))
                .body("firstSentAt", nullValue())
                .body("lastSentAt", nullValue())
                .body("onLegalHold", equalTo(false));
    }

    @Test
    void aMalformedEmployeeIdIs400() {
        as("carol").get(summaryPath("E 1001")).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("employeeId"));
    }

    @Test
    void onlyComplianceOfficersReadSummaries() {
        Phone phone = Phone.fresh();
        as("alice").get(summaryPath("E1001")).then().statusCode(403).contentType("application/problem+json");
        as("erin").get(summaryPath("E1001")).then().statusCode(403);
        RestAssured.given().auth().oauth2(phone.token()).get(summaryPath(phone.employeeId())).then().statusCode(403);
        as("carol").get(summaryPath("E1001")).then().statusCode(200);
    }

    @Test
    void theSummaryCountsMessagesDeletedOnTheDevice() {
        Phone phone = Phone.fresh();
        Map<String, Object> kept = message(WORKCHAT);
        Map<String, Object> deleted = message(WORKCHAT);
        phone.upload(List.of(kept, deleted)).statusCode(200);
        phone.delete(List.of(BackupApi.deletion(deleted, Instant.now()))).statusCode(200).body("recorded", equalTo(1));
        as("carol").get(summaryPath(phone.employeeId())).then().statusCode(200).body("messageCount", equalTo(2));
    }
}
