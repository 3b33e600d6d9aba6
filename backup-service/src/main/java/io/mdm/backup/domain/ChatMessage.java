package io.mdm.backup.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A business chat message as the phone uploads it. Fields may be missing or malformed when
 * it arrives: {@link MessageValidator} reports what is wrong instead of this constructor
 * throwing, so that the device gets every violation at once.
 */
public record ChatMessage(
        String messageId,
        String app,
        String conversationId,
        Instant sentAt,
        Direction direction,
        String sender,
        List<String> recipients,
        String body,
        List<Attachment> attachments) {

    public ChatMessage {
        recipients = recipients == null ? null : Collections.unmodifiableList(new ArrayList<>(recipients));
        // Attachments are optional in the API: absent means none.
        attachments = attachments == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(attachments));
    }
}
