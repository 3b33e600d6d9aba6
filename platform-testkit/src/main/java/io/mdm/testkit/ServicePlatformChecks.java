package io.mdm.testkit;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.ConfigProvider;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service must show (the platform foundation): management endpoints on their own
 * port with readiness reporting Kafka and MongoDB, Prometheus metrics, OpenAPI, 401 problems
 * without a token, 400 problems for malformed JSON and 404 problems for unknown paths. A
 * service's {@code @QuarkusTest} subclass names one of its JSON endpoints.
 */
public abstract class ServicePlatformChecks {

    /** The management interface's actual port: Quarkus publishes a random test port as a system property. */
    protected static String management(String path) {
        return "http://127.0.0.1:" + System.getProperty("quarkus.management.test-port",
                ConfigProvider.getConfig().getValue("quarkus.management.test-port", String.class)) + path;
    }

    /** A path under /api/v1 that accepts a JSON body with {@link #jsonMethod()}. */
    protected abstract String jsonEndpoint();

    /** A demo user allowed to call {@link #jsonEndpoint()}. */
    protected abstract String allowedUser();

    protected String jsonMethod() {
        return "POST";
    }

    protected String token(String user) {
        return TestInfrastructure.get().realm().tokenFor(user);
    }

    @Test
    void readinessReportsKafkaAndMongoDbOnTheManagementPort() {
        RestAssured.given().get(management("/q/health/ready")).then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("MongoDB")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void livenessIsUp() {
        RestAssured.given().get(management("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreOnTheManagementPortOnly() {
        RestAssured.given().get(management("/q/metrics")).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        RestAssured.given().get("/q/metrics").then().statusCode(404);
        RestAssured.given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void openApiDescribesTheApi() {
        RestAssured.given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."));
    }

    @Test
    void apiWithoutTokenIs401Problem() {
        RestAssured.given().contentType(ContentType.JSON).body("{}")
                .request(jsonMethod(), jsonEndpoint()).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("title", not(equalTo(null)));
    }

    @Test
    void apiWithForgedTokenIs401Problem() {
        String forged = token(allowedUser());
        String tampered = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        RestAssured.given().auth().oauth2(tampered).contentType(ContentType.JSON).body("{}")
                .request(jsonMethod(), jsonEndpoint()).then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void malformedJsonIs400Problem() {
        RestAssured.given().auth().oauth2(token(allowedUser())).contentType(ContentType.JSON).body("{\"broken\": ")
                .request(jsonMethod(), jsonEndpoint()).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", startsWith("urn:mdm:problem:"))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownApiPathIs404Problem() {
        RestAssured.given().auth().oauth2(token(allowedUser())).get("/api/v1/no-such-resource").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
