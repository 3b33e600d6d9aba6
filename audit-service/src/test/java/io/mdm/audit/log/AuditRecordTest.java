package io.mdm.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

    private static final Instant TIME = Instant.parse("2024-05-01T10:00:00.123456789Z");

    private final ObjectMapper mapper = new ObjectMapper();

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void membersInAnotherOrderGiveIdenticalBytes() throws Exception {
        JsonNode one = mapper.readTree("{\"grantId\":\"g-1\",\"scope\":{\"to\":\"2024-02-01\",\"from\":\"2024-01-01\"},\"reads\":3}");
        JsonNode other = mapper.readTree("{\"reads\":3,\"scope\":{\"from\":\"2024-01-01\",\"to\":\"2024-02-01\"},\"grantId\":\"g-1\"}");
        AuditRecord first = new AuditRecord(7, TIME, "mdm.access.approved", "olivia", "E-1", one);
        AuditRecord second = new AuditRecord(7, TIME, "mdm.access.approved", "olivia", "E-1", other);

        assertArrayEquals(first.canonicalBytes(), second.canonicalBytes());
        assertArrayEquals(first.leafHash(), second.leafHash());
        // Written out by hand from the JCS rules: members sorted, no whitespace, time to the millisecond.
        assertEquals("{\"actor\":\"olivia\",\"data\":{\"grantId\":\"g-1\",\"reads\":3,"
                + "\"scope\":{\"from\":\"2024-01-01\",\"to\":\"2024-02-01\"}},\"seq\":7,"
                + "\"subjectEmployeeId\":\"E-1\",\"time\":\"2024-05-01T10:00:00.123Z\",\"type\":\"mdm.access.approved\"}",
                text(first.canonicalBytes()));
    }

    @Test
    void aMissingSubjectIsLeftOutRatherThanWrittenAsNull() {
        AuditRecord record = new AuditRecord(0, Instant.parse("2024-05-01T10:00:00Z"), "mdm.device.enrolled", "system",
                null, JsonNodeFactory.instance.objectNode());
        assertEquals("{\"actor\":\"system\",\"data\":{},\"seq\":0,\"time\":\"2024-05-01T10:00:00.000Z\","
                + "\"type\":\"mdm.device.enrolled\"}", text(record.canonicalBytes()));
        assertFalse(text(record.canonicalBytes()).contains("subjectEmployeeId"));
    }

    @Test
    void timeKeepsExactlyThreeFractionalDigits() {
        AuditRecord record = new AuditRecord(1, TIME, "t", "a", null, JsonNodeFactory.instance.objectNode());
        assertEquals(Instant.parse("2024-05-01T10:00:00.123Z"), record.time());
        String canonical = text(record.canonicalBytes());
        assertEquals("{\"actor\":\"a\",\"data\":{},\"seq\":1,\"time\":\"2024-05-01T10:00:00.123Z\",\"type\":\"t\"}", canonical);

        AuditRecord tenths = new AuditRecord(1, Instant.parse("2024-05-01T10:00:00.1Z"), "t", "a", null,
                JsonNodeFactory.instance.objectNode());
        assertEquals("{\"actor\":\"a\",\"data\":{},\"seq\":1,\"time\":\"2024-05-01T10:00:00.100Z\",\"type\":\"t\"}",
                text(tenths.canonicalBytes()));
    }

    @Test
    void leafHashIsSha256OfZeroByteAndCanonicalBytes() throws Exception {
        AuditRecord record = new AuditRecord(3, TIME, "mdm.access.requested", "carl", "E-9",
                mapper.readTree("{\"reason\":\"\u00e9t\u00e9\"}"));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 0);
        sha256.update(record.canonicalBytes());
        assertArrayEquals(sha256.digest(), record.leafHash());
    }

    @Test
    void theRecordKeepsItsOwnCopyOfTheData() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("reads", 1);
        AuditRecord record = new AuditRecord(0, TIME, "t", "a", null, data);
        byte[] before = record.canonicalBytes();
        data.put("reads", 2);
        ((ObjectNode) record.data()).put("reads", 3);
        assertArrayEquals(before, record.canonicalBytes());
    }

    @Test
    void recordsSurvivingAStorageRoundTripAreEqual() {
        AuditRecord stored = new AuditRecord(4, TIME, "t", "a", "E-1", JsonNodeFactory.instance.objectNode());
        AuditRecord reloaded = new AuditRecord(4, Instant.ofEpochMilli(stored.time().toEpochMilli()), "t", "a", "E-1",
                JsonNodeFactory.instance.objectNode());
        assertEquals(stored, reloaded);
        assertArrayEquals(stored.leafHash(), reloaded.leafHash());
    }

    @Test
    void invalidRecordsAreRejected() {
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        assertThrows(IllegalArgumentException.class,
                () -> new AuditRecord(0, TIME, "t", "a", null, JsonNodeFactory.instance.arrayNode()));
        assertThrows(IllegalArgumentException.class, () -> new AuditRecord(0, TIME, "t", "a", null, null));
        assertThrows(IllegalArgumentException.class, () -> new AuditRecord(-1, TIME, "t", "a", null, empty));
        assertThrows(NullPointerException.class, () -> new AuditRecord(0, null, "t", "a", null, empty));
        assertThrows(NullPointerException.class, () -> new AuditRecord(0, TIME, null, "a", null, empty));
        assertThrows(NullPointerException.class, () -> new AuditRecord(0, TIME, "t", null, null, empty));
        assertThrows(IllegalArgumentException.class,
                () -> new AuditRecord(0, Instant.parse("+10000-01-01T00:00:00Z"), "t", "a", null, empty));
    }
}
