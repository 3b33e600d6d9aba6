package io.mdm.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.testkit.TestInfrastructure;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code /api/v1/audit} as the security analyst sam calls it, with a real token. */
public final class AuditApi {

    public static final String BASE = "/api/v1/audit";
    public static final String ANALYST = "sam";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Well inside the realm's 300-second token lifespan. */
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(120);
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private record Token(String value, Instant fetchedAt) {
    }

    private AuditApi() {
    }

    public static ValidatableResponse get(String user, String path) {
        return RestAssured.given().auth().oauth2(token(user)).get(BASE + path).then();
    }

    /**
     * A real token of the demo user, reused for a while: the proof tests make hundreds of calls,
     * and a password grant each would only load Keycloak.
     */
    public static String token(String user) {
        Instant now = Instant.now();
        return TOKENS.compute(user, (name, held) -> held != null && held.fetchedAt().plus(TOKEN_REUSE).isAfter(now)
                ? held : new Token(TestInfrastructure.get().realm().tokenFor(name), now)).value();
    }

    public static JsonPath verify() {
        return get(ANALYST, "/verify").statusCode(200).extract().jsonPath();
    }

    /**
     * Every record matching the query ({@code type=...&subjectEmployeeId=...}, or empty), following
     * nextCursor; as JSON trees, so that numbers and texts stay exactly as the API sent them.
     */
    public static List<JsonNode> allRecords(String query) {
        List<JsonNode> records = new ArrayList<>();
        String after = null;
        do {
            String path = "/records?limit=500" + (query.isEmpty() ? "" : "&" + query)
                    + (after == null ? "" : "&afterSeq=" + after);
            JsonNode page = tree(get(ANALYST, path).statusCode(200).extract().asString());
            page.path("items").forEach(records::add);
            after = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (after != null);
        return records;
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
