package io.mdm.audit.log.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mdm.audit.AuditApi;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.service.AuditLog;
import io.mdm.audit.log.service.Checkpointer;
import io.mdm.audit.log.store.AuditLogStore;
import io.mdm.audit.log.store.LogHead;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AuditLogResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final List<String> ENDPOINTS = List.of("/records", "/verify", "/checkpoints/latest", "/public-key",
            "/proofs/inclusion?seq=0&treeSize=1", "/proofs/consistency?first=1&second=1");

    @Inject
    AuditLog log;

    @Inject
    Checkpointer checkpointer;

    @Inject
    AuditLogStore store;

    private List<AuditRecord> appendOfNewType(String type, int count, String subject) {
        List<AuditRecord> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appended.add(log.append(type, "tester", subject, JsonNodeFactory.instance.objectNode().put("i", i)));
        }
        return appended;
    }

    @Test
    void theSecurityAnalystReadsEveryEndpoint() {
        appendOfNewType("test.rest." + UUID.randomUUID(), 1, null);
        checkpointer.checkpointNow();
        for (String endpoint : ENDPOINTS) {
            AuditApi.get("sam", endpoint).statusCode(200);
        }
    }

    @Test
    void everyoneElseIsForbidden() {
        for (String user : List.of("carol", "paul", "alice", "erin")) {
            for (String endpoint : ENDPOINTS) {
                AuditApi.get(user, endpoint).statusCode(403).contentType(PROBLEM);
            }
        }
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        RestAssured.given().get(AuditApi.BASE + "/records").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void recordsPageInSeqOrderByTypeAndSubject() {
        String type = "test.rest." + UUID.randomUUID();
        List<AuditRecord> appended = appendOfNewType(type, 5, "E1002");
        appendOfNewType(type, 1, null);

        JsonPath first = AuditApi.get("sam", "/records?type=" + type + "&subjectEmployeeId=E1002&limit=2")
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(appended.get(0).seq(), appended.get(1).seq()), first.getList("items.seq", Long.class));
        assertEquals(Long.toString(appended.get(1).seq()), first.getString("nextCursor"));
        assertEquals("tester", first.getString("items[0].actor"));
        assertEquals("E1002", first.getString("items[0].subjectEmployeeId"));
        assertEquals(0, first.getInt("items[0].data.i"));

        JsonPath second = AuditApi.get("sam", "/records?type=" + type + "&subjectEmployeeId=E1002&limit=2&afterSeq="
                + first.getString("nextCursor")).statusCode(200).extract().jsonPath();
        assertEquals(List.of(appended.get(2).seq(), appended.get(3).seq()), second.getList("items.seq", Long.class));

        JsonPath last = AuditApi.get("sam", "/records?type=" + type + "&subjectEmployeeId=E1002&limit=2&afterSeq="
                + second.getString("nextCursor")).statusCode(200).extract().jsonPath();
        assertEquals(List.of(appended.get(4).seq()), last.getList("items.seq", Long.class));
        assertNull(last.getString("nextCursor"));
    }

    @Test
    void aRecordWithoutSubjectLeavesTheFieldOut() {
        String type = "test.rest." + UUID.randomUUID();
        appendOfNewType(type, 1, null);

        JsonNode record = AuditApi.allRecords("type=" + type).getFirst();

        assertFalse(record.has("subjectEmployeeId"));
        assertEquals(type, record.path("type").asText());
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        AuditApi.get("sam", "/records?afterSeq=x&limit=501").statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem("afterSeq"))
                .body("violations.field", hasItem("limit"));
        AuditApi.get("sam", "/records?limit=0").statusCode(400).body("violations[0].field", equalTo("limit"));
        AuditApi.get("sam", "/proofs/inclusion").statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem("seq"))
                .body("violations.field", hasItem("treeSize"));
        AuditApi.get("sam", "/proofs/inclusion?seq=-1&treeSize=1").statusCode(400).body("violations[0].field", equalTo("seq"));
        AuditApi.get("sam", "/proofs/inclusion?seq=3&treeSize=3").statusCode(400).body("violations[0].field", equalTo("seq"));
        AuditApi.get("sam", "/proofs/consistency?first=4&second=3").statusCode(400).body("violations[0].field", equalTo("first"));
        AuditApi.get("sam", "/proofs/consistency?first=1&second=abc").statusCode(400).body("violations[0].field", equalTo("second"));
    }

    @Test
    void treesBeyondTheLogAreNotFound() {
        long size = AuditApi.verify().getLong("size");
        AuditApi.get("sam", "/proofs/inclusion?seq=0&treeSize=" + (size + 1)).statusCode(404).contentType(PROBLEM);
        AuditApi.get("sam", "/proofs/consistency?first=1&second=" + (size + 1)).statusCode(404).contentType(PROBLEM);
    }

    @Test
    void verificationOfTheIntactLogAnswersTheHeadsSizeAndRoot() {
        appendOfNewType("test.rest." + UUID.randomUUID(), 1, null);
        LogHead head = store.head();

        JsonPath verification = AuditApi.verify();

        assertTrue(verification.getBoolean("valid"));
        assertEquals(head.size(), verification.getLong("size"));
        assertEquals(Base64.getEncoder().encodeToString(head.rootHash()), verification.getString("rootHash"));
        assertNull(verification.get("firstInvalidSeq"));
    }
}
