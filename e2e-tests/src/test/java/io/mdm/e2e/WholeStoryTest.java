package io.mdm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.testkit.IndependentLogCheck;
import io.mdm.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PRODUCT.md's story against the packaged services, with the broker killed after the enrollment,
 * the audit-service killed while the events of that outage flow in, and the backup-service killed
 * between two reads; then what the security team sees on {@code mdm.audit.v1} alone.
 */
class WholeStoryTest {

    private static final Duration STREAM_WAIT = Duration.ofSeconds(120);

    @Test
    void theStoryHoldsThroughCrashesAndTheAuditStreamProvesEveryStepExactlyOnce() {
        Stack stack = Stack.get();
        CrashingInterludes crashes = new CrashingInterludes(stack);
        ByteArrayOutputStream told = new ByteArrayOutputStream();
        PrintStream narration = new PrintStream(told, true, StandardCharsets.UTF_8);

        Story.Outcome outcome = new Story(stack.endpoints(), crashes, narration).tell();
        System.out.println(told.toString(StandardCharsets.UTF_8));

        assertEquals(List.of("kafka killed", "kafka restarted", "audit-service killed", "audit-service restarted",
                        "backup-service killed", "backup-service restarted", "audit-service clock moved PT360H"),
                crashes.happened(), "every fault happened, in this order");
        try (TopicReader stream = new TopicReader(stack.infra.kafkaBootstrapServers(), Topics.AUDIT)) {
            Map<Long, JsonNode> records = everySourceEventOnceThenTheWholeLog(stack, stream);
            theLatestCheckpointCoversTheRebuiltTree(stack, stream, records);
            theAccessStepsAppearInOrderOnce(records, outcome);
            thePhoneAndBackupStepsAppearInOrder(records, outcome);
        }
    }

    /**
     * Every event the three source topics hold becomes exactly one record (none lost in the outage,
     * none doubled by the crash), and the stream delivers every seq from 0 with one content each.
     */
    private Map<Long, JsonNode> everySourceEventOnceThenTheWholeLog(Stack stack, TopicReader stream) {
        Set<String> sourceIds = new HashSet<>();
        for (String topic : List.of(Topics.DEVICE, Topics.POLICY, Topics.BACKUP)) {
            TopicSnapshot.read(stack.infra.kafkaBootstrapServers(), topic).forEach(event -> sourceIds.add(event.path("id").asText()));
        }
        assertTrue(sourceIds.size() >= 10, "the story produced its events: " + sourceIds.size());
        Set<String> pending = new HashSet<>(sourceIds);
        stream.await(event -> {
            if (event.type().equals(EventTypes.AUDIT_RECORD)) {
                pending.remove(event.data().path("data").path("eventId").asText());
            }
            return pending.isEmpty();
        }, STREAM_WAIT);

        Map<Long, JsonNode> records = new HashMap<>();
        for (TopicReader.Event event : stream.seen()) {
            if (event.type().equals(EventTypes.AUDIT_RECORD)) {
                JsonNode earlier = records.putIfAbsent(event.data().path("seq").asLong(), event.data());
                assertTrue(earlier == null || earlier.equals(event.data()), "a seq published twice is the same record");
            }
        }
        for (long seq = 0; seq < records.size(); seq++) {
            assertNotNull(records.get(seq), "no gap in the stream: seq " + seq + " of " + records.size());
        }
        Map<String, Long> seqOfEvent = new HashMap<>();
        for (JsonNode record : records.values()) {
            String eventId = record.path("data").path("eventId").asText(null);
            if (eventId != null) {
                Long other = seqOfEvent.put(eventId, record.path("seq").asLong());
                assertEquals(null, other, "source event " + eventId + " is in the log once, not also at seq " + other);
            }
        }
        assertEquals(sourceIds, seqOfEvent.keySet(), "the log holds exactly the events of the three topics");
        return records;
    }

    /** With the stream alone and the deployment's public key: rebuild the tree and check every signed checkpoint. */
    private void theLatestCheckpointCoversTheRebuiltTree(Stack stack, TopicReader stream, Map<Long, JsonNode> records) {
        long size = records.size();
        TopicReader.Event checkpoint = stream.await(event -> event.type().equals(EventTypes.AUDIT_CHECKPOINT)
                && event.data().path("treeSize").asLong() >= size, STREAM_WAIT);
        int treeSize = checkpoint.data().path("treeSize").asInt();
        for (TopicReader.Event event : stream.seen()) {
            if (event.type().equals(EventTypes.AUDIT_RECORD)) {
                records.putIfAbsent(event.data().path("seq").asLong(), event.data());
            }
        }
        List<byte[]> leaves = new ArrayList<>();
        for (long seq = 0; seq < treeSize; seq++) {
            JsonNode record = records.get(seq);
            assertNotNull(record, "record " + seq + " arrived before the checkpoint covering it");
            byte[] leaf = IndependentLogCheck.leafHash(IndependentLogCheck.canonicalBytes(record));
            assertArrayEquals(Base64.getDecoder().decode(record.path("hash").asText()), leaf, "hash of record " + seq);
            leaves.add(leaf);
        }
        // No fork: every checkpoint signed along the way, before and after each crash, is a prefix of one tree.
        int checkpoints = 0;
        for (TopicReader.Event event : stream.seen()) {
            if (event.type().equals(EventTypes.AUDIT_CHECKPOINT) && event.data().path("treeSize").asInt() <= treeSize) {
                checkpointMatches(stack, event.data(), leaves);
                checkpoints++;
            }
        }
        assertTrue(checkpoints >= 2, "checkpoints were signed before and after the crashes: " + checkpoints);
    }

    private static void checkpointMatches(Stack stack, JsonNode signed, List<byte[]> leaves) {
        int size = signed.path("treeSize").asInt();
        String root = Base64.getEncoder().encodeToString(IndependentLogCheck.treeHash(leaves.subList(0, size)));
        assertEquals(root, signed.path("rootHash").asText(), "the stream's records rebuild the root signed at size " + size);
        String body = signed.path("origin").asText() + "\n" + size + "\n" + root + "\n" + signed.path("time").asText() + "\n";
        assertEquals(body, signed.path("body").asText());
        assertTrue(IndependentLogCheck.ed25519Verifies(stack.auditPublicKey, body,
                Base64.getDecoder().decode(signed.path("signature").asText())), "the signature of the checkpoint at " + size);
    }

    /** Carol's request, its refused and accepted approvals and every read, once each and in order. */
    private void theAccessStepsAppearInOrderOnce(Map<Long, JsonNode> records, Story.Outcome outcome) {
        List<String> carols = new ArrayList<>();
        for (long seq = 0; seq < records.size(); seq++) {
            JsonNode record = records.get(seq);
            if (outcome.carolRequestId().equals(record.path("data").path("requestId").asText())) {
                String step = record.path("type").asText().replace("mdm.access.", "");
                String reason = record.path("data").path("denialReason").asText("");
                carols.add(record.path("actor").asText() + " " + step + (reason.isEmpty() ? "" : " " + reason));
            }
        }
        assertEquals(List.of("carol requested", "paul approved",
                "carol read-authorized", "carol read-denied OUT_OF_SCOPE", "carla read-denied NOT_THE_REQUESTER",
                "carol read-authorized", "carol read-authorized", "carol read-authorized", "carol read-authorized",
                "carol read-denied BUDGET_EXHAUSTED", "carol read-denied EXPIRED", "carol revoked",
                "carol read-denied REVOKED"), carols);

        List<String> carlas = new ArrayList<>();
        for (long seq = 0; seq < records.size(); seq++) {
            JsonNode record = records.get(seq);
            if (outcome.carlaRequestId().equals(record.path("data").path("requestId").asText())) {
                carlas.add(record.path("type").asText());
            }
        }
        assertEquals(List.of("mdm.access.requested", "mdm.access.expired"), carlas,
                "carla's own request: filed, never approved by herself, expired and kept");
    }

    /**
     * What the phone and the backup did, from their own events. Kafka keeps order per entity (the
     * record key), not across entities, so the order is checked per hold; a scheduled retention
     * run may add counts, but only the run after the release purges.
     */
    private void thePhoneAndBackupStepsAppearInOrder(Map<Long, JsonNode> records, Story.Outcome outcome) {
        List<String> device = new ArrayList<>();
        List<String> hold = new ArrayList<>();
        int archived = 0;
        int deletions = 0;
        long purged = 0;
        for (long seq = 0; seq < records.size(); seq++) {
            JsonNode record = records.get(seq);
            String type = record.path("type").asText();
            JsonNode data = record.path("data");
            boolean erinsPhone = outcome.deviceId().equals(data.path("deviceId").asText());
            if (erinsPhone && type.startsWith("mdm.device.")) {
                device.add(type);
            } else if (erinsPhone && type.equals(EventTypes.BACKUP_MESSAGES_ARCHIVED)) {
                archived += data.path("accepted").asInt();
            } else if (erinsPhone && type.equals(EventTypes.BACKUP_DELETION_RECORDED)) {
                deletions += data.path("recorded").asInt();
            } else if (outcome.holdId().equals(data.path("holdId").asText())) {
                hold.add(type);
            } else if (type.equals(EventTypes.BACKUP_RETENTION_PURGED)) {
                purged += data.path("purged").asLong();
            }
        }
        assertEquals(List.of(EventTypes.DEVICE_ENROLLED), device);
        assertEquals(50, archived, "the archived counts add up to the 50 messages, the repeated batch not counted");
        assertEquals(3, deletions);
        assertEquals(List.of(EventTypes.BACKUP_LEGAL_HOLD_PLACED, EventTypes.BACKUP_LEGAL_HOLD_RELEASED), hold);
        assertEquals(5, purged, "only the 5 messages of 400 days ago were ever purged");
    }
}
