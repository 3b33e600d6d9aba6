package io.mdm.backup;

import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.domain.Direction;
import io.mdm.backup.domain.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagingPolicyTest {

    private static final String WORKCHAT = "org.example.workchat";
    private static final MessagingPolicy STORY = new MessagingPolicy(Set.of(WORKCHAT), true, 365);

    private static ChatMessage of(String app) {
        return new ChatMessage(UUID.randomUUID().toString(), app, "conv-1", Instant.parse("2025-03-10T09:00:00Z"),
                Direction.OUT, "erin@example.com", List.of("carol@example.com"), "hello", List.of());
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void messagesOfAnApprovedAppWithBackupRequiredPass() {
        assertTrue(STORY.check(List.of(of(WORKCHAT), of(WORKCHAT))).isEmpty());
    }

    @Test
    void eachMessageOfAnotherAppIsNamed() {
        List<Violation> violations = STORY.check(List.of(of(WORKCHAT), of("com.whatsapp"), of("org.telegram.messenger")));
        assertEquals(List.of("messages[1].app", "messages[2].app"), fields(violations));
        assertEquals("not-approved", violations.get(0).rule());
    }

    @Test
    void withoutBackupRequiredNothingPasses() {
        MessagingPolicy optional = new MessagingPolicy(Set.of(WORKCHAT), false, 365);
        assertEquals(List.of("messages[0].app"), fields(optional.check(List.of(of(WORKCHAT)))));
    }

    @Test
    void anEmptyApprovedListApprovesNothing() {
        assertEquals(List.of("messages[0].app"),
                fields(new MessagingPolicy(Set.of(), true, 365).check(List.of(of(WORKCHAT)))));
        assertEquals(List.of("messages[0].app"), fields(MessagingPolicy.NO_BACKUP.check(List.of(of(WORKCHAT)))));
    }

    @Test
    void withoutRetentionPeriodNothingCanBeKept() {
        List<Violation> violations = new MessagingPolicy(Set.of(WORKCHAT), true, null).check(List.of(of(WORKCHAT)));
        assertEquals(List.of("messages"), fields(violations));
        assertEquals("no-retention-period", violations.get(0).rule());
    }

    @Test
    void aRetentionPeriodBelowOneDayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessagingPolicy(Set.of(WORKCHAT), true, 0));
    }
}
