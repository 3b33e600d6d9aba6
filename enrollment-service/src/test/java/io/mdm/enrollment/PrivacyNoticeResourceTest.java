package io.mdm.enrollment;

import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class PrivacyNoticeResourceTest {

    private static String token(String user) {
        return TestInfrastructure.get().realm().tokenFor(user);
    }

    private static Map<String, Object> notice(String text) {
        return Map.of("text", text,
                "employerCanSee", List.of("Work-profile apps"),
                "employerCannotSee", List.of("Location", "Photos"));
    }

    @Test
    void defaultByodNoticeSaysWhatTheEmployerNeverSees() {
        RestAssured.given().get("/api/v1/privacy-notices/BYOD").then()
                .statusCode(200)
                .body("ownership", equalTo("BYOD"))
                .body("employerCannotSee", hasItems("Your location", "Your browsing history",
                        "Hardware identifiers such as IMEI or serial number"))
                .body("employerCanSee", hasItem("The phone model"));
    }

    @Test
    void adminPublishesANewVersionAndAnEventFollows() {
        int before = RestAssured.given().get("/api/v1/privacy-notices/CORPORATE").then().statusCode(200)
                .extract().path("version");
        try (TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.DEVICE)) {
            RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                    .body(notice("Company phone notice, revised.")).put("/api/v1/privacy-notices/CORPORATE").then()
                    .statusCode(201)
                    .body("version", equalTo(before + 1))
                    .body("text", equalTo("Company phone notice, revised."));

            RestAssured.given().get("/api/v1/privacy-notices/CORPORATE").then()
                    .body("version", equalTo(before + 1));
            TopicReader.Event event = reader.await(e -> e.type().equals(EventTypes.PRIVACY_NOTICE_PUBLISHED)
                    && e.data().path("version").asInt() == before + 1, Duration.ofSeconds(30));
            assertEquals("CORPORATE", event.data().path("ownership").asText());
            assertEquals("alice", event.data().path("publishedBy").asText());
            assertEquals("application/cloudevents+json", event.contentType());
            assertEquals("/mdm/enrollment-service", event.cloudEvent().path("source").asText());
        }
    }

    @Test
    void employeeMayNotPublish() {
        int before = RestAssured.given().get("/api/v1/privacy-notices/BYOD").then().extract().path("version");
        RestAssured.given().auth().oauth2(token("erin")).contentType(ContentType.JSON)
                .body(notice("An employee's attempt to change the notice text."))
                .put("/api/v1/privacy-notices/BYOD").then()
                .statusCode(403)
                .contentType("application/problem+json");
        RestAssured.given().get("/api/v1/privacy-notices/BYOD").then().body("version", equalTo(before));
    }

    @Test
    void invalidNoticeNamesEveryBrokenField() {
        RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("text", "", "employerCanSee", List.of(), "employerCannotSee", List.of("ok")))
                .put("/api/v1/privacy-notices/BYOD").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("text", "employerCanSee"))
                .body("violations.field", not(hasItem("employerCannotSee")));
    }

    @Test
    void wrongTypeIsA400NamingTheField() {
        RestAssured.given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body("{\"text\": \"x\", \"employerCanSee\": 42, \"employerCannotSee\": [\"a\"]}")
                .put("/api/v1/privacy-notices/BYOD").then()
                .statusCode(400)
                .body("violations.field", hasItem("employerCanSee"));
    }

    @Test
    void unknownOwnershipIs404() {
        RestAssured.given().get("/api/v1/privacy-notices/SHARED").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
