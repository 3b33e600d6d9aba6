package io.mdm.audit.expiry;

import io.mdm.audit.StoryRequests;
import io.mdm.audit.access.AccessRequest;
import io.mdm.audit.access.AccessRequestStatus;
import io.mdm.audit.persistence.AccessRequestRepository;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AccessRequestExpiryTest {

    @Inject
    AccessRequestRepository repository;

    @Inject
    AccessRequestExpiry expiry;

    private static String token(String user) {
        return TestInfrastructure.get().realm().tokenFor(user);
    }

    /** Filed eight days ago: its seven days to be decided are over. */
    private AccessRequest storedStaleRequest() {
        AccessRequest stale = StoryRequests.filedByCarol(StoryRequests.now().minus(Duration.ofDays(8)), 5);
        repository.insert(stale);
        return stale;
    }

    @Test
    void theJobStoresExpiredForPendingRequestsPastTheirDeadline() {
        AccessRequest stale = storedStaleRequest();
        AccessRequest fresh = StoryRequests.filedByCarol(StoryRequests.now(), 5);
        repository.insert(fresh);

        expiry.expireOverdue(Instant.now());

        assertEquals(AccessRequestStatus.EXPIRED, repository.find(stale.id()).orElseThrow().status());
        assertEquals(AccessRequestStatus.PENDING, repository.find(fresh.id()).orElseThrow().status());
    }

    @Test
    void readingAStalePendingRequestShowsAndStoresItExpired() {
        AccessRequest stale = storedStaleRequest();

        RestAssured.given().auth().oauth2(token("carol")).get("/api/v1/access-requests/" + stale.id()).then()
                .statusCode(200)
                .body("status", equalTo("EXPIRED"));

        assertEquals(AccessRequestStatus.EXPIRED, repository.find(stale.id()).orElseThrow().status());
    }

    @Test
    void theListCountsAStalePendingRequestAsExpired() {
        AccessRequest stale = storedStaleRequest();

        RestAssured.given().auth().oauth2(token("carol")).queryParam("status", "EXPIRED").queryParam("limit", 500)
                .get("/api/v1/access-requests").then()
                .statusCode(200)
                .body("items.id", hasItem(stale.id()))
                .body("items.find { it.id == '" + stale.id() + "' }.status", equalTo("EXPIRED"));
        RestAssured.given().auth().oauth2(token("carol")).queryParam("status", "PENDING").queryParam("limit", 500)
                .get("/api/v1/access-requests").then()
                .statusCode(200)
                .body("items.id", not(hasItem(stale.id())));
    }

    @Test
    void aStaleRequestCanNoLongerBeApproved() {
        AccessRequest stale = storedStaleRequest();

        RestAssured.given().auth().oauth2(token("paul")).contentType(ContentType.JSON)
                .body(Map.of("comment", "Too late, but approved.")).post("/api/v1/access-requests/" + stale.id() + "/approve")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        assertEquals(List.of(), repository.find(stale.id()).orElseThrow().approvals());
    }
}
