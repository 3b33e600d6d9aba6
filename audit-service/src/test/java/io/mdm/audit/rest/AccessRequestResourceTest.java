package io.mdm.audit.rest;

import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four-eyes flow of the product story (PRODUCT.md, step 5) through the API, with real tokens. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AccessRequestResourceTest {

    private static final String REQUESTS = "/api/v1/access-requests";
    private static final String PROBLEM = "application/problem+json";
    private static final String REASON = "Competition authority inspection of the sales team, chats of the last week.";

    private static String token(String user) {
        return TestInfrastructure.get().realm().tokenFor(user);
    }

    private static Map<String, Object> requestAbout(String subjectEmployeeId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectEmployeeId", subjectEmployeeId);
        body.put("scope", Map.of("from", "2025-03-03T00:00:00Z", "to", "2025-03-10T00:00:00Z"));
        body.put("legalBasis", "REGULATORY_INVESTIGATION");
        body.put("reason", REASON);
        body.put("caseReference", "CA-2025-042");
        body.put("requestedHours", 24);
        body.put("maxReads", 5);
        return body;
    }

    private static ValidatableResponse post(String user, String path, Object body) {
        return RestAssured.given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body)
                .post(path).then();
    }

    private static ValidatableResponse get(String user, String path) {
        return RestAssured.given().auth().oauth2(token(user)).get(path).then();
    }

    private static String file(String user, String subjectEmployeeId) {
        return post(user, REQUESTS, requestAbout(subjectEmployeeId)).statusCode(201).extract().path("id");
    }

    private static ValidatableResponse approve(String user, String id, Map<String, Object> body) {
        return post(user, REQUESTS + "/" + id + "/approve", body);
    }

    private static Map<String, Object> approval() {
        return Map.of("comment", "Proportionate to the inspection.");
    }

    private static Map<String, Object> comment(String text) {
        return Map.of("comment", text);
    }

    // --- filing -------------------------------------------------------------------------------

    @Test
    void complianceOfficerFilesARequestThatWaitsSevenDaysForItsDecision() {
        JsonPath filed = post("carol", REQUESTS, requestAbout("E1001"))
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("requestedBy", equalTo("carol"))
                .body("subjectEmployeeId", equalTo("E1001"))
                .body("scope.from", equalTo("2025-03-03T00:00:00Z"))
                .body("scope.to", equalTo("2025-03-10T00:00:00Z"))
                .body("legalBasis", equalTo("REGULATORY_INVESTIGATION"))
                .body("reason", equalTo(REASON))
                .body("caseReference", equalTo("CA-2025-042"))
                .body("requestedHours", equalTo(24))
                .body("maxReads", equalTo(5))
                .body("grant", nullValue())
                .extract().jsonPath();
        String id = filed.getString("id");
        Instant createdAt = Instant.parse(filed.getString("createdAt"));
        assertEquals(createdAt.plus(Duration.ofDays(7)), Instant.parse(filed.getString("decideBefore")));

        get("carol", REQUESTS + "/" + id).statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("PENDING"))
                .body("createdAt", equalTo(filed.getString("createdAt")));
    }

    @Test
    void theLocationOfAFiledRequestIsTheRequest() {
        ValidatableResponse filed = post("carol", REQUESTS, requestAbout("E1001")).statusCode(201);
        String id = filed.extract().path("id");
        String location = filed.extract().header("Location");

        assertTrue(location.endsWith(REQUESTS + "/" + id), location);
        RestAssured.given().auth().oauth2(token("carol")).get(location).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void anEmployeeCannotFileARequest() {
        post("erin", REQUESTS, requestAbout("E1002")).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aPrivacyOfficerWithoutTheComplianceRoleCannotFileARequest() {
        post("paul", REQUESTS, requestAbout("E1001")).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void nobodyFilesARequestAboutThemselves() {
        post("carla", REQUESTS, requestAbout("E2002")).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void anInvalidRequestNamesEveryBrokenField() {
        Map<String, Object> body = requestAbout("E1001");
        body.put("reason", "x".repeat(19));
        body.put("requestedHours", 0);
        body.put("maxReads", 101);
        body.put("scope", Map.of("from", "2025-03-10T00:00:00Z", "to", "2025-03-03T00:00:00Z"));
        body.remove("legalBasis");

        post("carol", REQUESTS, body)
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field",
                        containsInAnyOrder("reason", "requestedHours", "maxReads", "scope.to", "legalBasis"));
    }

    @Test
    void anUnknownLegalBasisIsA400NamingTheField() {
        Map<String, Object> body = requestAbout("E1001");
        body.put("legalBasis", "CURIOSITY");

        post("carol", REQUESTS, body)
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("legalBasis"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        post("carol", REQUESTS, "{\"subjectEmployeeId\": \"E1001\", ").statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aMissingBodyIsA400Problem() {
        RestAssured.given().auth().oauth2(token("carol")).contentType(ContentType.JSON).post(REQUESTS).then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    // --- deciding -----------------------------------------------------------------------------

    @Test
    void aRequesterWithBothRolesCannotApproveTheirOwnRequest() {
        String id = file("carla", "E1001");

        approve("carla", id, approval()).statusCode(403).contentType(PROBLEM);

        get("paul", REQUESTS + "/" + id).statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void aPrivacyOfficerApprovesWithADelayedNoticeAndGetsTheGrant() {
        String id = file("carol", "E1001");

        JsonPath approved = approve("paul", id, Map.of("comment", "Proportionate to the inspection.",
                "notifySubjectAfterDays", 14, "delayReason", "The inspection is still ongoing."))
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("grant.id", notNullValue())
                .body("grant.maxReads", equalTo(5))
                .body("grant.readsUsed", equalTo(0))
                .body("approvals[0].approver", equalTo("paul"))
                .body("approvals[0].notifySubjectAfterDays", equalTo(14))
                .body("approvals[0].delayReason", equalTo("The inspection is still ongoing."))
                .extract().jsonPath();
        Instant validFrom = Instant.parse(approved.getString("grant.validFrom"));
        assertEquals(validFrom.plus(Duration.ofHours(24)), Instant.parse(approved.getString("grant.validUntil")));
        assertEquals(validFrom.plus(Duration.ofDays(14)), Instant.parse(approved.getString("grant.notifySubjectAt")));

        get("carol", REQUESTS + "/" + id).statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("grant.id", equalTo(approved.getString("grant.id")));
    }

    @Test
    void anApprovedRequestCannotBeApprovedAgain() {
        String id = file("carol", "E1001");
        approve("paul", id, approval()).statusCode(200);

        approve("paul", id, approval()).statusCode(409).contentType(PROBLEM);
        approve("pia", id, approval()).statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aDelayWithoutAReasonIsA422() {
        String id = file("carol", "E1001");

        approve("paul", id, Map.of("comment", "Fine.", "notifySubjectAfterDays", 14))
                .statusCode(422)
                .contentType(PROBLEM);

        get("paul", REQUESTS + "/" + id).statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void aDelayOfThirtyOneDaysIsA400NamingTheField() {
        String id = file("carol", "E1001");

        approve("paul", id, Map.of("comment", "Fine.", "notifySubjectAfterDays", 31,
                "delayReason", "The inspection is still ongoing."))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("notifySubjectAfterDays"));
    }

    @Test
    void aPrivacyOfficerWhoIsTheSubjectCannotApproveNorSeeTheRequest() {
        String id = file("carol", "E2004");

        approve("pia", id, approval()).statusCode(403).contentType(PROBLEM);
        get("pia", REQUESTS + "/" + id).statusCode(404).contentType(PROBLEM);
        get("pia", REQUESTS + "?limit=500").statusCode(200).body("items.id", not(hasItem(id)));

        approve("paul", id, approval()).statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void aComplianceOfficerCannotApprove() {
        String id = file("carla", "E1001");

        approve("carol", id, approval()).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aRejectedRequestCannotBeApproved() {
        String id = file("carol", "E1001");

        post("pia", REQUESTS + "/" + id + "/reject", comment("Not proportionate to the inspection."))
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("rejection.by", equalTo("pia"))
                .body("grant", nullValue());

        approve("paul", id, approval()).statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aComplianceOfficerCannotReject() {
        String id = file("carla", "E1001");

        post("carol", REQUESTS + "/" + id + "/reject", comment("No.")).statusCode(403).contentType(PROBLEM);
    }

    // --- revoking -----------------------------------------------------------------------------

    @Test
    void theRequesterRevokesAnApprovedRequestAndItsGrant() {
        String id = file("carol", "E1001");
        approve("paul", id, approval()).statusCode(200);

        post("carol", REQUESTS + "/" + id + "/revoke", comment("The inspection is closed."))
                .statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("revocation.by", equalTo("carol"))
                .body("grant.revokedAt", notNullValue());

        post("carol", REQUESTS + "/" + id + "/revoke", comment("Again.")).statusCode(409).contentType(PROBLEM);
    }

    @Test
    void anEmployeeCannotRevoke() {
        String id = file("carol", "E1001");
        approve("paul", id, approval()).statusCode(200);

        post("erin", REQUESTS + "/" + id + "/revoke", comment("Stop reading my chats.")).statusCode(403)
                .contentType(PROBLEM);
        get("carol", REQUESTS + "/" + id).body("status", equalTo("APPROVED"));
    }

    @Test
    void anotherComplianceOfficerCannotRevoke() {
        String id = file("carla", "E1001");
        approve("paul", id, approval()).statusCode(200);

        post("carol", REQUESTS + "/" + id + "/revoke", comment("Not mine, but still.")).statusCode(403)
                .contentType(PROBLEM);
    }

    // --- reading ------------------------------------------------------------------------------

    @Test
    void aComplianceOfficerSeesOnlyTheirOwnRequestsAndAPrivacyOfficerSeesAll() {
        String id = file("carla", "E1001");

        get("carol", REQUESTS + "/" + id).statusCode(404).contentType(PROBLEM);
        get("carol", REQUESTS + "?limit=500").statusCode(200)
                .body("items.id", not(hasItem(id)))
                .body("items.requestedBy", everyItem(equalTo("carol")));
        get("paul", REQUESTS + "/" + id).statusCode(200).body("requestedBy", equalTo("carla"));
        get("paul", REQUESTS + "?limit=500").statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void theListPagesWithACursor() {
        String first = file("carol", "E1001");
        String second = file("carol", "E1002");

        List<String> ids = new ArrayList<>();
        List<Instant> createdAt = new ArrayList<>();
        String cursor = null;
        do {
            var request = RestAssured.given().auth().oauth2(token("carol")).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(REQUESTS).then().statusCode(200).extract().jsonPath();
            List<String> pageIds = page.getList("items.id");
            assertEquals(1, pageIds.size());
            ids.addAll(pageIds);
            createdAt.add(Instant.parse(page.getString("items[0].createdAt")));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertTrue(ids.contains(first) && ids.contains(second), ids.toString());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a request appeared on two pages");
        for (int i = 1; i < createdAt.size(); i++) {
            assertFalse(createdAt.get(i).isAfter(createdAt.get(i - 1)), "not newest first: " + createdAt);
        }
    }

    @Test
    void theListFiltersByStatus() {
        String approved = file("carol", "E1001");
        approve("paul", approved, approval()).statusCode(200);
        String pending = file("carol", "E1001");

        get("paul", REQUESTS + "?status=APPROVED&limit=500").statusCode(200)
                .body("items.status", everyItem(equalTo("APPROVED")))
                .body("items.id", hasItem(approved))
                .body("items.id", not(hasItem(pending)));
    }

    @Test
    void badListParametersAreA400NamingEachOne() {
        get("paul", REQUESTS + "?status=OPEN&limit=0&cursor=nonsense")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", containsInAnyOrder("status", "limit", "cursor"));
        get("paul", REQUESTS + "?limit=501").statusCode(400).body("violations.field", hasItem("limit"));
        get("paul", REQUESTS + "?limit=ten").statusCode(400).body("violations.field", hasItem("limit"));
    }

    @Test
    void onlyOfficersMayListOrReadRequests() {
        String id = file("carol", "E1001");

        get("erin", REQUESTS).statusCode(403).contentType(PROBLEM);
        get("sam", REQUESTS).statusCode(403).contentType(PROBLEM);
        get("sam", REQUESTS + "/" + id).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void anUnknownRequestIsA404() {
        String unknown = UUID.randomUUID().toString();

        get("paul", REQUESTS + "/" + unknown).statusCode(404).contentType(PROBLEM);
        approve("paul", unknown, approval()).statusCode(404).contentType(PROBLEM);
        post("carol", REQUESTS + "/" + unknown + "/revoke", comment("Nothing.")).statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void aBlankCommentIsA400NamingTheField() {
        String id = file("carol", "E1001");

        approve("paul", id, Map.of("comment", " ")).statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem("comment"));
        post("pia", REQUESTS + "/" + id + "/reject", Map.of()).statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem("comment"));
    }
}
