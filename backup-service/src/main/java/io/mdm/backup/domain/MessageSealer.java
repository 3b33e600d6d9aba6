package io.mdm.backup.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * Encrypts and decrypts one employee's chat messages with that employee's data key.
 *
 * <p>The associated data is the UTF-8 of {@code employeeId + "\n" + messageId} (the message id
 * in lower case, so that the UUID and not its spelling counts): a ciphertext copied to another
 * message or another employee does not open. A UUID holds no line break, so the pair is
 * unambiguous.
 */
public final class MessageSealer {

    // Only plain strings, lists and records are written, so the default mapper is the format.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Aead aead;

    public MessageSealer(EmployeeDataKey key) {
        this.aead = Objects.requireNonNull(key, "key").aead();
    }

    /**
     * Seals a validated message.
     *
     * @throws IllegalArgumentException when the employee id is blank or the message id is not a UUID
     */
    public SealedMessage seal(String employeeId, ChatMessage m) {
        if (!MessageValidator.isUuid(m.messageId())) {
            throw new IllegalArgumentException("messageId must be a UUID");
        }
        SealedContent content = new SealedContent(m.app(), m.conversationId(), m.sentAt().toString(), m.direction(),
                m.sender(), m.recipients(), m.body(), m.attachments());
        try {
            byte[] ciphertext = aead.encrypt(JSON.writeValueAsBytes(content), associatedData(employeeId, m.messageId()));
            return new SealedMessage(m.messageId(), m.app(), m.conversationId(), m.sentAt(), m.direction(), ciphertext);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            // No cause: a serialization error could quote the content.
            throw new IllegalStateException("cannot seal a message");
        }
    }

    /**
     * Opens a message stored under {@code employeeId} and {@code messageId}.
     *
     * @throws UnreadableMessageException when the ciphertext belongs to another employee or
     *         message, was made with another key, or the clear fields were altered
     */
    public ChatMessage open(String employeeId, String messageId, SealedMessage sealed) {
        if (!MessageValidator.isUuid(messageId) || !sealed.messageId().equalsIgnoreCase(messageId)) {
            throw new UnreadableMessageException();
        }
        SealedContent content;
        Instant sentAt;
        try {
            byte[] plaintext = aead.decrypt(sealed.ciphertext(), associatedData(employeeId, messageId));
            content = JSON.readValue(plaintext, SealedContent.class);
            sentAt = Instant.parse(content.sentAt());
        } catch (GeneralSecurityException | IOException e) {
            throw new UnreadableMessageException();
        }
        if (!clearFieldsMatch(content, sentAt, sealed)) {
            throw new UnreadableMessageException();
        }
        return new ChatMessage(sealed.messageId(), content.app(), content.conversationId(), sentAt,
                content.direction(), content.sender(), content.recipients(), content.body(), content.attachments());
    }

    // sentAt is compared to the millisecond: that is what a BSON date keeps.
    private static boolean clearFieldsMatch(SealedContent content, Instant sentAt, SealedMessage sealed) {
        return Objects.equals(content.app(), sealed.app())
                && Objects.equals(content.conversationId(), sealed.conversationId())
                && content.direction() == sealed.direction()
                && sentAt.truncatedTo(ChronoUnit.MILLIS).equals(sealed.sentAt().truncatedTo(ChronoUnit.MILLIS));
    }

    private static byte[] associatedData(String employeeId, String messageId) {
        if (Objects.requireNonNull(employeeId, "employeeId").isBlank()) {
            throw new IllegalArgumentException("employeeId must not be blank");
        }
        return (employeeId + "\n" + messageId.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
    }
}
