package io.mdm.backup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageSealerTest {

    private static final String ERIN = "E1001";

    private final MessageSealer sealer = new MessageSealer(EmployeeDataKey.generate());

    @Test
    void sealedMessageOpensToTheSameMessage() {
        ChatMessage message = ChatMessages.withBody("Grüße 👋 — price list attached");

        SealedMessage sealed = sealer.seal(ERIN, message);

        assertEquals(message, sealer.open(ERIN, message.messageId(), sealed));
    }

    @Test
    void onlyTheScopingFieldsStayInClear() {
        ChatMessage message = ChatMessages.valid();

        SealedMessage sealed = sealer.seal(ERIN, message);

        assertEquals(message.messageId(), sealed.messageId());
        assertEquals(message.app(), sealed.app());
        assertEquals(message.conversationId(), sealed.conversationId());
        assertEquals(message.sentAt(), sealed.sentAt());
        assertEquals(message.direction(), sealed.direction());
    }

    @Test
    void ciphertextContainsNeitherBodyNorParticipantsNorFileNames() {
        ChatMessage message = ChatMessages.valid();

        byte[] ciphertext = sealer.seal(ERIN, message).ciphertext();

        assertFalse(contains(ciphertext, message.body()), "body in clear");
        assertFalse(contains(ciphertext, message.sender()), "sender in clear");
        for (String recipient : message.recipients()) {
            assertFalse(contains(ciphertext, recipient), "recipient in clear");
        }
        assertFalse(contains(ciphertext, message.attachments().get(0).fileName()), "file name in clear");
    }

    @Test
    void sealedMessageMovedToAnotherMessageIdDoesNotOpen() {
        SealedMessage sealed = sealer.seal(ERIN, ChatMessages.valid());
        String otherId = UUID.randomUUID().toString();
        SealedMessage moved = new SealedMessage(otherId, sealed.app(), sealed.conversationId(), sealed.sentAt(),
                sealed.direction(), sealed.ciphertext());

        assertThrows(UnreadableMessageException.class, () -> sealer.open(ERIN, otherId, moved));
    }

    @Test
    void sealedMessageMovedToAnotherEmployeeDoesNotOpenEvenWithTheSameKey() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = sealer.seal(ERIN, message);

        assertThrows(UnreadableMessageException.class, () -> sealer.open("E2002", message.messageId(), sealed));
    }

    @Test
    void messageSealedWithAnotherEmployeesKeyDoesNotOpen() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = new MessageSealer(EmployeeDataKey.generate()).seal(ERIN, message);

        assertThrows(UnreadableMessageException.class, () -> sealer.open(ERIN, message.messageId(), sealed));
    }

    @Test
    void clearSentAtChangedInStorageIsDetected() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = sealer.seal(ERIN, message);
        SealedMessage backdated = new SealedMessage(sealed.messageId(), sealed.app(), sealed.conversationId(),
                sealed.sentAt().minus(Duration.ofDays(30)), sealed.direction(), sealed.ciphertext());

        assertThrows(UnreadableMessageException.class, () -> sealer.open(ERIN, message.messageId(), backdated));
    }

    @Test
    void clearConversationChangedInStorageIsDetected() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = sealer.seal(ERIN, message);
        SealedMessage moved = new SealedMessage(sealed.messageId(), sealed.app(), "conv-in-scope",
                sealed.sentAt(), sealed.direction(), sealed.ciphertext());

        assertThrows(UnreadableMessageException.class, () -> sealer.open(ERIN, message.messageId(), moved));
    }

    @Test
    void sentAtStoredToTheMillisecondStillOpensWithTheFullPrecision() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = sealer.seal(ERIN, message);
        SealedMessage asBsonDateKeepsIt = new SealedMessage(sealed.messageId(), sealed.app(), sealed.conversationId(),
                sealed.sentAt().truncatedTo(ChronoUnit.MILLIS), sealed.direction(), sealed.ciphertext());

        assertEquals(message.sentAt(), sealer.open(ERIN, message.messageId(), asBsonDateKeepsIt).sentAt());
    }

    @Test
    void messageIdSpelledInUpperCaseIsTheSameMessage() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = sealer.seal(ERIN, message);

        assertEquals(message.body(), sealer.open(ERIN, message.messageId().toUpperCase(Locale.ROOT), sealed).body());
    }

    @Test
    void failureToOpenTellsNothingAboutTheContent() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = sealer.seal(ERIN, message);

        UnreadableMessageException e = assertThrows(UnreadableMessageException.class,
                () -> sealer.open("E2002", message.messageId(), sealed));

        assertNull(e.getCause());
        assertFalse(e.getMessage().contains(message.body()));
        assertFalse(e.getMessage().contains("E2002"));
    }

    @Test
    void sealingRefusesAMessageIdThatIsNotAUuid() {
        ChatMessage notAUuid = ChatMessages.withId("E1001\nforged");

        assertThrows(IllegalArgumentException.class, () -> sealer.seal(ERIN, notAUuid));
    }

    private static boolean contains(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
