package io.mdm.audit.messaging;

import io.mdm.audit.log.store.AuditEntry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class SourceEventsTest {

    private static final String SUBJECT_SHREDDED = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/mdm/backup-service\","
            + "\"type\":\"mdm.backup.subject-shredded\",\"time\":\"2025-03-10T09:00:00Z\",\"subject\":\"E1001\","
            + "\"data\":{\"employeeId\":\"E1001\",\"shreddedBy\":\"alice\",\"at\":\"2025-03-10T09:00:00Z\"}}";

    @Test
    void anEventBecomesItsTypeActorSubjectAndDataWithItsIdAndSource() {
        AuditEntry entry = SourceEvents.toEntry("mdm.backup.v1", 0, 7, SUBJECT_SHREDDED);

        assertEquals("mdm.backup.subject-shredded", entry.type());
        assertEquals("alice", entry.actor());
        assertEquals("E1001", entry.subjectEmployeeId());
        assertEquals("event:e-1", entry.sourceId());
        assertEquals("E1001", entry.data().path("employeeId").asText());
        assertEquals("e-1", entry.data().path("eventId").asText());
        assertEquals("/mdm/backup-service", entry.data().path("eventSource").asText());
        assertEquals("2025-03-10T09:00:00Z", entry.data().path("eventTime").asText());
        assertEquals("E1001", entry.data().path("eventSubject").asText());
    }

    @Test
    void withoutAPersonTheSourceActsAndWithoutEmployeeThereIsNoSubject() {
        AuditEntry entry = SourceEvents.toEntry("mdm.backup.v1", 1, 3, "{\"id\":\"e-2\",\"source\":\"/mdm/backup-service\","
                + "\"type\":\"mdm.backup.retention-purged\",\"data\":{\"purged\":4,\"keptUnderHold\":2}}");

        assertEquals("/mdm/backup-service", entry.actor());
        assertNull(entry.subjectEmployeeId());
        assertEquals(4, entry.data().path("purged").asInt());
    }

    @Test
    void aMessageThatIsNoCloudEventIsUnreadableAndKeyedByItsPosition() {
        AuditEntry entry = SourceEvents.toEntry("mdm.device.v1", 2, 41, "{\"hello\":\"token-abc\"}");

        assertEquals(SourceEvents.UNREADABLE, entry.type());
        assertEquals("kafka:mdm.device.v1/2/41", entry.sourceId());
        assertEquals(41, entry.data().path("offset").asLong());
        assertFalse(entry.data().toString().contains("token-abc"), "the content is not copied");
    }

    @Test
    void dataThatCannotBeCanonicalizedIsUnreadable() {
        AuditEntry entry = SourceEvents.toEntry("mdm.policy.v1", 0, 1, "{\"id\":\"e-3\",\"source\":\"/x\",\"type\":\"t\","
                + "\"data\":{\"tooBig\":123456789012345678901234567890}}");

        assertEquals(SourceEvents.UNREADABLE, entry.type());
    }

    @Test
    void notJsonIsUnreadable() {
        assertEquals(SourceEvents.UNREADABLE, SourceEvents.toEntry("mdm.policy.v1", 0, 2, "not json").type());
        assertEquals(SourceEvents.UNREADABLE, SourceEvents.toEntry("mdm.policy.v1", 0, 3, null).type());
    }
}
