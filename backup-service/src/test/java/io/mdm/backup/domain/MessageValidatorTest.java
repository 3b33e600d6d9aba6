package io.mdm.backup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {

    private static final Instant NOW = Instant.parse("2025-03-10T10:00:00Z");

    private final MessageValidator validator = new MessageValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void validMessageHasNoViolation() {
        assertEquals(List.of(), validator.validateBatch(List.of(ChatMessages.valid())));
    }

    @Test
    void bodyOfExactly64KibInUtf8IsAccepted() {
        String twoByteChars = "é".repeat(32 * 1024);

        assertEquals(List.of(), validator.validateBatch(List.of(ChatMessages.withBody(twoByteChars))));
    }

    @Test
    void bodyOneByteOver64KibIsRejected() {
        String body = "é".repeat(32 * 1024) + "a";

        assertEquals(Set.of("messages[0].body:max-bytes"), fieldsAndRules(List.of(ChatMessages.withBody(body))));
    }

    @Test
    void bodyLimitCountsBytesNotCharacters() {
        String body = "é".repeat(32 * 1024 + 1);

        assertEquals(Set.of("messages[0].body:max-bytes"), fieldsAndRules(List.of(ChatMessages.withBody(body))));
    }

    @Test
    void emptyBodyIsAcceptedOnlyWithAttachments() {
        ChatMessage withAttachment = ChatMessages.withBody("");
        ChatMessage withNothing = new ChatMessage(withAttachment.messageId(), withAttachment.app(),
                withAttachment.conversationId(), withAttachment.sentAt(), withAttachment.direction(),
                withAttachment.sender(), withAttachment.recipients(), "", null);

        assertEquals(List.of(), validator.validateBatch(List.of(withAttachment)));
        assertEquals(Set.of("messages[0].body:required"), fieldsAndRules(List.of(withNothing)));
    }

    @Test
    void batchOf500IsAcceptedAnd501Rejected() {
        List<ChatMessage> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(ChatMessages.valid());
        }
        assertEquals(List.of(), validator.validateBatch(batch));

        batch.add(ChatMessages.valid());
        assertEquals(Set.of("messages:size"), fieldsAndRules(batch));
    }

    @Test
    void emptyBatchIsRejected() {
        assertEquals(Set.of("messages:size"), fieldsAndRules(List.of()));
    }

    @Test
    void repeatedMessageIdInABatchIsRejectedEvenInAnotherCase() {
        ChatMessage first = ChatMessages.valid();
        ChatMessage again = ChatMessages.withId(first.messageId().toUpperCase(Locale.ROOT));

        assertEquals(Set.of("messages[2].messageId:unique"),
                fieldsAndRules(List.of(first, ChatMessages.valid(), again)));
    }

    @Test
    void sentAtUpToFiveMinutesAheadIsAcceptedBeyondRejected() {
        assertEquals(List.of(), validator.validateBatch(List.of(sentAt(NOW.plus(Duration.ofMinutes(5))))));
        assertEquals(Set.of("messages[0].sentAt:not-in-future"),
                fieldsAndRules(List.of(sentAt(NOW.plus(Duration.ofMinutes(5)).plusMillis(1)))));
    }

    @Test
    void messageIdMustBeAUuidInItsCanonicalShape() {
        // java.util.UUID.fromString would accept "1-1-1-1-1".
        for (String bad : List.of("not-a-uuid", "1-1-1-1-1", "9c5b94b1-35ad-49bb-b118-8e8fc24abf8", "")) {
            ChatMessage m = ChatMessages.withId(bad);
            String expected = bad.isEmpty() ? "messages[0].messageId:required" : "messages[0].messageId:format";
            assertEquals(Set.of(expected), fieldsAndRules(List.of(m)), bad);
        }
        assertEquals(List.of(), validator.validateBatch(List.of(ChatMessages.withId("9C5B94B1-35AD-49BB-B118-8E8FC24ABF80"))));
    }

    @Test
    void appMustLookLikeAReverseDomainName() {
        ChatMessage m = ChatMessages.valid();
        ChatMessage bare = new ChatMessage(m.messageId(), "workchat", m.conversationId(), m.sentAt(), m.direction(),
                m.sender(), m.recipients(), m.body(), m.attachments());

        assertEquals(Set.of("messages[0].app:format"), fieldsAndRules(List.of(bare)));
    }

    @Test
    void textLengthsAreCheckedAtTheirBoundaries() {
        ChatMessage m = ChatMessages.valid();
        ChatMessage atLimit = new ChatMessage(m.messageId(), m.app(), "c".repeat(200), m.sentAt(), m.direction(),
                "s".repeat(320), List.of("r".repeat(320)), m.body(), m.attachments());
        ChatMessage overLimit = new ChatMessage(m.messageId(), m.app(), "c".repeat(201), m.sentAt(), m.direction(),
                "s".repeat(321), List.of("r".repeat(321)), m.body(), m.attachments());

        assertEquals(List.of(), validator.validateBatch(List.of(atLimit)));
        assertEquals(Set.of("messages[0].conversationId:length", "messages[0].sender:length",
                "messages[0].recipients[0]:length"), fieldsAndRules(List.of(overLimit)));
    }

    @Test
    void recipientsMustNumberOneToOneHundred() {
        assertEquals(List.of(), validator.validateBatch(List.of(recipients(100))));
        assertEquals(Set.of("messages[0].recipients:size"), fieldsAndRules(List.of(recipients(101))));
        assertEquals(Set.of("messages[0].recipients:size"), fieldsAndRules(List.of(recipients(0))));
    }

    @Test
    void attachmentsAreLimitedAndEachChecked() {
        Attachment good = ChatMessages.valid().attachments().get(0);
        Attachment bad = new Attachment("", "pdf", -1, "xyz");

        assertEquals(List.of(), validator.validateBatch(List.of(attachments(Collections.nCopies(20, good)))));
        assertEquals(Set.of("messages[0].attachments:size"),
                fieldsAndRules(List.of(attachments(Collections.nCopies(21, good)))));
        assertEquals(Set.of("messages[0].attachments[1].fileName:required", "messages[0].attachments[1].mimeType:format",
                "messages[0].attachments[1].sizeBytes:min", "messages[0].attachments[1].sha256:format"),
                fieldsAndRules(List.of(attachments(List.of(good, bad)))));
    }

    @Test
    void everyViolationOfEveryMessageIsReportedAtOnce() {
        ChatMessage broken = new ChatMessage("nope", null, " ", null, null, null, null, null, null);

        Set<String> found = fieldsAndRules(List.of(ChatMessages.valid(), broken));

        assertEquals(Set.of("messages[1].messageId:format", "messages[1].app:required",
                "messages[1].conversationId:required", "messages[1].sentAt:required",
                "messages[1].direction:required", "messages[1].sender:required", "messages[1].recipients:size",
                "messages[1].body:required"), found);
    }

    @Test
    void missingMessageInABatchIsReported() {
        List<ChatMessage> batch = new ArrayList<>();
        batch.add(null);

        assertTrue(fieldsAndRules(batch).contains("messages[0]:required"));
    }

    private Set<String> fieldsAndRules(List<ChatMessage> batch) {
        return validator.validateBatch(batch).stream()
                .map(v -> v.field() + ":" + v.rule())
                .collect(Collectors.toSet());
    }

    private static ChatMessage sentAt(Instant sentAt) {
        ChatMessage m = ChatMessages.valid();
        return new ChatMessage(m.messageId(), m.app(), m.conversationId(), sentAt, m.direction(), m.sender(),
                m.recipients(), m.body(), m.attachments());
    }

    private static ChatMessage recipients(int count) {
        ChatMessage m = ChatMessages.valid();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            recipients.add("user" + i + "@example.com");
        }
        return new ChatMessage(m.messageId(), m.app(), m.conversationId(), m.sentAt(), m.direction(), m.sender(),
                recipients, m.body(), m.attachments());
    }

    private static ChatMessage attachments(List<Attachment> attachments) {
        ChatMessage m = ChatMessages.valid();
        return new ChatMessage(m.messageId(), m.app(), m.conversationId(), m.sentAt(), m.direction(), m.sender(),
                m.recipients(), m.body(), attachments);
    }
}
