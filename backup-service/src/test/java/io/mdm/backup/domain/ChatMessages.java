package io.mdm.backup.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Valid chat messages to start a test from. */
final class ChatMessages {

    static final Instant SENT_AT = Instant.parse("2025-03-10T09:15:30.123456789Z");
    static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private ChatMessages() {
    }

    static ChatMessage valid() {
        return withId(UUID.randomUUID().toString());
    }

    static ChatMessage withId(String messageId) {
        return new ChatMessage(messageId, "org.example.workchat", "conv-42", SENT_AT, Direction.OUT,
                "erin@example.com", List.of("carol@example.com", "+41790000000"),
                "Quarterly price list attached, please do not forward.",
                List.of(new Attachment("prices-q2.pdf", "application/pdf", 48_213, SHA256)));
    }

    static ChatMessage withBody(String body) {
        ChatMessage m = valid();
        return new ChatMessage(m.messageId(), m.app(), m.conversationId(), m.sentAt(), m.direction(), m.sender(),
                m.recipients(), body, m.attachments());
    }
}
