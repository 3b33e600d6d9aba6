package io.mdm.audit;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/access-requests} through the API with real tokens, for tests that need an approved grant. */
public final class AccessRequestsApi {

    public static final String REQUESTS = "/api/v1/access-requests";
    public static final String SCOPE_FROM = "2025-03-03T00:00:00Z";
    public static final String SCOPE_TO = "2025-03-10T00:00:00Z";

    /** An approved request: its id and the id of its grant. */
    public record Approved(String requestId, String grantId) {
    }

    private AccessRequestsApi() {
    }

    /** Files a request of {@code requester} about {@code subject} over the scope above; empty conversations: all. */
    public static String file(String requester, String subject, List<String> conversationIds, int maxReads) {
        Map<String, Object> scope = new LinkedHashMap<>(Map.of("from", SCOPE_FROM, "to", SCOPE_TO));
        if (!conversationIds.isEmpty()) {
            scope.put("conversationIds", conversationIds);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectEmployeeId", subject);
        body.put("scope", scope);
        body.put("legalBasis", "REGULATORY_INVESTIGATION");
        body.put("reason", "Competition authority inspection of the sales team, chats of the last week.");
        body.put("caseReference", "CA-2025-042");
        body.put("requestedHours", 24);
        body.put("maxReads", maxReads);
        return post(requester, REQUESTS, body).statusCode(201).extract().path("id");
    }

    /** Paul's approval, telling the subject after {@code notifySubjectAfterDays}. */
    public static Approved approvedByPaul(String requestId, int notifySubjectAfterDays) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("comment", "Proportionate to the inspection.");
        body.put("notifySubjectAfterDays", notifySubjectAfterDays);
        if (notifySubjectAfterDays > 0) {
            body.put("delayReason", "Telling the employee now would compromise the ongoing inspection.");
        }
        String grantId = post("paul", REQUESTS + "/" + requestId + "/approve", body).statusCode(200)
                .extract().path("grant.id");
        return new Approved(requestId, grantId);
    }

    public static Approved carolsApprovedRequest(String subject, List<String> conversationIds, int maxReads) {
        return approvedByPaul(file("carol", subject, conversationIds, maxReads), 0);
    }

    public static void revoke(String user, String requestId) {
        post(user, REQUESTS + "/" + requestId + "/revoke", Map.of("comment", "The inspection was closed."))
                .statusCode(200);
    }

    private static ValidatableResponse post(String user, String path, Object body) {
        return RestAssured.given().auth().oauth2(AuditApi.token(user)).contentType(ContentType.JSON).body(body)
                .post(path).then();
    }
}
