package io.mdm.backup.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A chat message as it is stored: only what retention, scoping and idempotency need stays in
 * clear; sender, recipients, body and attachments are in {@code ciphertext}.
 */
public record SealedMessage(
        String messageId,
        String app,
        String conversationId,
        Instant sentAt,
        Direction direction,
        byte[] ciphertext) {

    public SealedMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(direction, "direction");
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedMessage that
                && messageId.equals(that.messageId)
                && app.equals(that.app)
                && conversationId.equals(that.conversationId)
                && sentAt.equals(that.sentAt)
                && direction == that.direction
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, app, conversationId, sentAt, direction, Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "SealedMessage[messageId=" + messageId + ", app=" + app + ", conversationId=" + conversationId
                + ", sentAt=" + sentAt + ", direction=" + direction + ", ciphertext=" + ciphertext.length + " bytes]";
    }
}
