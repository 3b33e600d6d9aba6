package io.mdm.audit.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mdm.audit.AuditApi;
import io.mdm.testkit.IndependentLogCheck;
import io.mdm.audit.log.Checkpoint;
import io.mdm.audit.log.service.AuditLog;
import io.mdm.audit.log.service.Checkpointer;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.mdm.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a consumer of {@code mdm.audit.v1} alone can check, with its own SHA-256 and Ed25519. */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AuditStreamTest {

    @Inject
    AuditLog log;

    @Inject
    Checkpointer checkpointer;

    @Test
    void aStreamConsumerRebuildsTheRootOfTheLatestCheckpointAndChecksItsSignature() {
        try (TopicReader stream = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers(), Topics.AUDIT)) {
            for (int i = 0; i < 3; i++) {
                log.append("test.stream", "tester", "E1001", JsonNodeFactory.instance.objectNode()
                        .put("i", i).put("text", "line\nbreak \"quoted\" \u00e9\u20ac"));
            }
            Checkpoint signed = checkpointer.checkpointNow();

            TopicReader.Event checkpoint = stream.await(event -> event.type().equals(EventTypes.AUDIT_CHECKPOINT)
                    && event.data().path("treeSize").asLong() >= signed.treeSize(), Duration.ofSeconds(60));

            int treeSize = checkpoint.data().path("treeSize").asInt();
            List<TopicReader.Event> before = stream.seen().subList(0, stream.seen().indexOf(checkpoint));
            Map<Long, JsonNode> records = new HashMap<>();
            for (TopicReader.Event event : before) {
                if (event.type().equals(EventTypes.AUDIT_RECORD)) {
                    assertEquals("audit-log", event.key());
                    assertEquals("application/cloudevents+json", event.contentType());
                    JsonNode earlier = records.putIfAbsent(event.data().path("seq").asLong(), event.data());
                    assertTrue(earlier == null || earlier.equals(event.data()), "a repeated record is the same record");
                }
            }
            List<byte[]> leaves = new ArrayList<>();
            for (long seq = 0; seq < treeSize; seq++) {
                JsonNode record = records.get(seq);
                assertTrue(record != null, "record " + seq + " came before the checkpoint covering it");
                byte[] leaf = IndependentLogCheck.leafHash(IndependentLogCheck.canonicalBytes(record));
                assertArrayEquals(Base64.getDecoder().decode(record.path("hash").asText()), leaf, "hash of record " + seq);
                leaves.add(leaf);
            }
            JsonNode published = checkpoint.data();
            String root = Base64.getEncoder().encodeToString(IndependentLogCheck.treeHash(leaves));
            assertEquals(root, published.path("rootHash").asText());
            String origin = published.path("origin").asText();
            assertEquals(origin + "\n" + treeSize + "\n" + root + "\n" + published.path("time").asText() + "\n",
                    published.path("body").asText());

            JsonPath key = AuditApi.get(AuditApi.ANALYST, "/public-key").statusCode(200).extract().jsonPath();
            byte[] publicKey = Base64.getDecoder().decode(key.getString("publicKey"));
            assertEquals(IndependentLogCheck.keyId(origin, publicKey), published.path("keyId").asText());
            assertTrue(IndependentLogCheck.ed25519Verifies(publicKey, published.path("body").asText(),
                    Base64.getDecoder().decode(published.path("signature").asText())));
        }
    }
}
