package io.mdm.backup.read;

import io.mdm.backup.domain.Attachment;
import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.domain.Direction;

import java.time.Instant;
import java.util.List;

/** One decrypted message as the reader gets it; {@code deletedOnDeviceAt} is null while the phone still has it. */
public record ReadMessage(
        String messageId,
        String app,
        String conversationId,
        Instant sentAt,
        Direction direction,
        String sender,
        List<String> recipients,
        String body,
        List<Attachment> attachments,
        Instant deletedOnDeviceAt) {

    static ReadMessage of(ChatMessage m, Instant deletedOnDeviceAt) {
        return new ReadMessage(m.messageId(), m.app(), m.conversationId(), m.sentAt(), m.direction(), m.sender(),
                m.recipients(), m.body(), m.attachments(), deletedOnDeviceAt);
    }

    // Participants and content never reach a log through this.
    @Override
    public String toString() {
        return "ReadMessage[messageId=" + messageId + ", app=" + app + ", sentAt=" + sentAt + "]";
    }
}
