package io.mdm.policy;

import io.mdm.testkit.TestInfrastructure;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the policy API tests share: calls as a demo user, and policy bodies. */
final class PolicyApi {

    static final String POLICIES = "/api/v1/policies";
    static final String PROBLEM = "application/problem+json";

    private PolicyApi() {
    }

    static RequestSpecification as(String user) {
        return RestAssured.given().auth().oauth2(TestInfrastructure.get().realm().tokenFor(user))
                .contentType(ContentType.JSON);
    }

    static Map<String, Object> policy(String name, List<String> ownership, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("target", Map.of("ownership", ownership));
        body.put("settings", settings);
        return body;
    }

    /**
     * The story: work-profile passcode required with at least 6 characters, the company
     * messenger approved and backed up for {@code retentionDays}, WhatsApp blocked in the work profile.
     */
    static Map<String, Object> storyPolicy(int retentionDays) {
        Map<String, Object> body = policy("Work profile baseline", List.of("BYOD"), Map.of(
                "passcode", Map.of("required", true, "minLength", 6),
                "messaging", Map.of("approvedApps", List.of("org.example.workchat"), "backupRequired", true,
                        "retentionDays", retentionDays),
                "workApps", Map.of("blocked", List.of("com.whatsapp"))));
        body.put("description", "What every phone with work data must meet.");
        return body;
    }

    /** Creates a policy as alice and returns its id. */
    static String create(Map<String, Object> body) {
        return as("alice").body(body).post(POLICIES).then().statusCode(201).extract().path("id");
    }

    /** Every policy id of the list, page by page, in list order. */
    static List<String> listedIds(String status, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as("alice").queryParam("limit", limit);
            if (status != null) {
                request.queryParam("status", status);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(POLICIES).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
