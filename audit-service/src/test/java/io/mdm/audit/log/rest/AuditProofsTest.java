package io.mdm.audit.log.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mdm.audit.AuditApi;
import io.mdm.testkit.IndependentLogCheck;
import io.mdm.audit.log.service.AuditLog;
import io.mdm.audit.log.service.Checkpointer;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proofs from the API checked the way an outsider checks them: leaves recomputed from the
 * records' canonical bytes, roots and proofs with {@link IndependentLogCheck} (RFC 6962 / 9162).
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
class AuditProofsTest {

    private static final int SIZES = 100;

    @Inject
    AuditLog log;

    @Inject
    Checkpointer checkpointer;

    /** The leaf hashes of the first {@code count} records, each recomputed from its canonical bytes. */
    private List<byte[]> leavesOfFirst(int count) {
        while (AuditApi.verify().getLong("size") < count) {
            log.append("test.proofs", "tester", null, JsonNodeFactory.instance.objectNode().put("filler", true));
        }
        List<byte[]> leaves = new ArrayList<>();
        for (JsonNode record : AuditApi.allRecords("")) {
            if (leaves.size() == count) {
                break;
            }
            assertEquals(leaves.size(), record.path("seq").asInt(), "records come in seq order without gaps");
            byte[] leaf = IndependentLogCheck.leafHash(IndependentLogCheck.canonicalBytes(record));
            assertArrayEquals(leaf, Base64.getDecoder().decode(record.path("hash").asText()), "hash of record " + leaves.size());
            leaves.add(leaf);
        }
        return leaves;
    }

    private static List<byte[]> hashes(JsonPath proof) {
        return proof.getList("hashes", String.class).stream().map(Base64.getDecoder()::decode).toList();
    }

    @Test
    void inclusionProofsOfEveryTreeSizeUpToAHundredVerify() {
        List<byte[]> leaves = leavesOfFirst(SIZES);
        for (int treeSize = 1; treeSize <= SIZES; treeSize++) {
            byte[] root = IndependentLogCheck.treeHash(leaves.subList(0, treeSize));
            for (int seq : new TreeSet<>(List.of(0, treeSize / 2, treeSize - 1))) {
                JsonPath proof = AuditApi.get(AuditApi.ANALYST, "/proofs/inclusion?seq=" + seq + "&treeSize=" + treeSize)
                        .statusCode(200).extract().jsonPath();
                assertEquals(treeSize, proof.getLong("treeSize"));
                assertEquals(seq, proof.getLong("leafIndex"));
                assertTrue(IndependentLogCheck.verifyInclusion(leaves.get(seq), seq, treeSize, hashes(proof), root),
                        "leaf " + seq + " of " + treeSize);
                if (treeSize > 1) {
                    int other = seq == 0 ? 1 : 0;
                    assertFalse(IndependentLogCheck.verifyInclusion(leaves.get(other), seq, treeSize, hashes(proof), root),
                            "the proof of leaf " + seq + " does not prove leaf " + other);
                }
            }
        }
    }

    @Test
    void consistencyProofsOfEveryTreeSizeUpToAHundredVerify() {
        List<byte[]> leaves = leavesOfFirst(SIZES);
        for (int second = 2; second <= SIZES; second++) {
            byte[] secondRoot = IndependentLogCheck.treeHash(leaves.subList(0, second));
            for (int first : new TreeSet<>(List.of(1, second / 2, second - 1))) {
                byte[] firstRoot = IndependentLogCheck.treeHash(leaves.subList(0, first));
                JsonPath proof = AuditApi.get(AuditApi.ANALYST, "/proofs/consistency?first=" + first + "&second=" + second)
                        .statusCode(200).extract().jsonPath();
                assertEquals(second, proof.getLong("treeSize"));
                assertTrue(IndependentLogCheck.verifyConsistency(first, second, firstRoot, secondRoot, hashes(proof)),
                        first + " -> " + second);
                assertFalse(IndependentLogCheck.verifyConsistency(first, second, secondRoot, secondRoot, hashes(proof)),
                        "the proof does not hold for another first root");
            }
        }
    }

    @Test
    void theLatestCheckpointSignsTheRootOfItsTreeSize() {
        leavesOfFirst(1);
        checkpointer.checkpointNow();
        JsonPath checkpoint = AuditApi.get(AuditApi.ANALYST, "/checkpoints/latest").statusCode(200).extract().jsonPath();
        JsonPath key = AuditApi.get(AuditApi.ANALYST, "/public-key").statusCode(200).extract().jsonPath();
        int treeSize = checkpoint.getInt("treeSize");
        byte[] root = IndependentLogCheck.treeHash(leavesOfFirst(treeSize));
        byte[] publicKey = Base64.getDecoder().decode(key.getString("publicKey"));

        assertEquals("Ed25519", key.getString("algorithm"));
        assertEquals(Base64.getEncoder().encodeToString(root), checkpoint.getString("rootHash"));
        assertEquals(checkpoint.getString("origin") + "\n" + treeSize + "\n" + checkpoint.getString("rootHash") + "\n"
                + checkpoint.getString("time") + "\n", checkpoint.getString("body"));
        assertEquals(IndependentLogCheck.keyId(checkpoint.getString("origin"), publicKey), checkpoint.getString("keyId"));
        assertEquals(key.getString("keyId"), checkpoint.getString("keyId"));
        assertTrue(IndependentLogCheck.ed25519Verifies(publicKey, checkpoint.getString("body"),
                Base64.getDecoder().decode(checkpoint.getString("signature"))));
    }
}
