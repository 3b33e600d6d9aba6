package io.mdm.backup.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks an uploaded batch of chat messages and returns every violation, not just the first.
 *
 * <p>Rule names: {@code required}, {@code format}, {@code length} (characters, counted as
 * Unicode code points), {@code max-bytes} (UTF-8 bytes), {@code size} (number of list
 * entries), {@code min}, {@code not-in-future}, {@code unique}. At most one violation is
 * reported per field.
 */
public final class MessageValidator {

    public static final int MAX_BATCH_SIZE = 500;
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final int MAX_RECIPIENTS = 100;
    public static final int MAX_ATTACHMENTS = 20;
    /** Phones' clocks drift; a little skew is tolerated, a message from the future is not. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int MAX_APP_LENGTH = 255;
    private static final int MAX_CONVERSATION_ID_LENGTH = 200;
    // 320 is the longest possible e-mail address, the longest participant identifier we expect.
    private static final int MAX_PARTICIPANT_LENGTH = 320;
    private static final int MAX_FILE_NAME_LENGTH = 255;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // Android package names and iOS bundle ids: at least two dot-separated segments.
    private static final Pattern REVERSE_DNS = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9][A-Za-z0-9_-]*)+");
    // RFC 6838 type/subtype names, without parameters.
    private static final Pattern MIME_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final Clock clock;

    public MessageValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Validates a whole upload: its size, the uniqueness of its message ids, and each message. */
    public List<Violation> validateBatch(List<ChatMessage> messages) {
        List<Violation> violations = new ArrayList<>();
        if (messages == null || messages.isEmpty() || messages.size() > MAX_BATCH_SIZE) {
            violations.add(new Violation("messages", "size",
                    "must hold 1 to " + MAX_BATCH_SIZE + " messages"));
            if (messages == null || messages.isEmpty()) {
                return violations;
            }
        }
        Instant now = clock.instant();
        // Case-insensitive: "ABC…" and "abc…" are the same UUID, so the same message.
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages[" + i + "]";
            ChatMessage message = messages.get(i);
            if (message == null) {
                violations.add(new Violation(path, "required", "must be a message"));
                continue;
            }
            violations.addAll(validate(path, message, now));
            if (message.messageId() != null) {
                Integer first = firstIndexOfId.putIfAbsent(message.messageId().toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    violations.add(new Violation(path + ".messageId", "unique",
                            "repeats the messageId of messages[" + first + "]"));
                }
            }
        }
        return violations;
    }

    /** Validates one message; {@code path} prefixes the field names, e.g. {@code messages[3]}. */
    public List<Violation> validate(String path, ChatMessage message) {
        return validate(path, message, clock.instant());
    }

    private List<Violation> validate(String path, ChatMessage m, Instant now) {
        List<Violation> v = new ArrayList<>();
        String p = path + ".";

        if (isBlank(m.messageId())) {
            v.add(required(p + "messageId"));
        } else if (!UUID.matcher(m.messageId()).matches()) {
            v.add(new Violation(p + "messageId", "format", "must be a UUID"));
        }

        if (isBlank(m.app())) {
            v.add(required(p + "app"));
        } else if (length(m.app()) > MAX_APP_LENGTH) {
            v.add(tooLong(p + "app", MAX_APP_LENGTH));
        } else if (!REVERSE_DNS.matcher(m.app()).matches()) {
            v.add(new Violation(p + "app", "format", "must be an app id such as org.example.workchat"));
        }

        checkText(v, p + "conversationId", m.conversationId(), MAX_CONVERSATION_ID_LENGTH);

        if (m.sentAt() == null) {
            v.add(required(p + "sentAt"));
        } else if (m.sentAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            v.add(new Violation(p + "sentAt", "not-in-future",
                    "must not be more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
        }

        if (m.direction() == null) {
            v.add(required(p + "direction"));
        }

        checkText(v, p + "sender", m.sender(), MAX_PARTICIPANT_LENGTH);

        List<String> recipients = m.recipients();
        if (recipients == null || recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            v.add(new Violation(p + "recipients", "size", "must hold 1 to " + MAX_RECIPIENTS + " recipients"));
        }
        if (recipients != null) {
            for (int i = 0; i < recipients.size(); i++) {
                checkText(v, p + "recipients[" + i + "]", recipients.get(i), MAX_PARTICIPANT_LENGTH);
            }
        }

        String body = m.body() == null ? "" : m.body();
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            v.add(new Violation(p + "body", "max-bytes", "must be at most " + MAX_BODY_BYTES + " bytes in UTF-8"));
        } else if (body.isEmpty() && m.attachments().isEmpty()) {
            v.add(new Violation(p + "body", "required", "may be empty only when the message has attachments"));
        }

        if (m.attachments().size() > MAX_ATTACHMENTS) {
            v.add(new Violation(p + "attachments", "size", "must hold at most " + MAX_ATTACHMENTS + " attachments"));
        }
        for (int i = 0; i < m.attachments().size(); i++) {
            checkAttachment(v, p + "attachments[" + i + "]", m.attachments().get(i));
        }
        return v;
    }

    private static void checkAttachment(List<Violation> v, String path, Attachment a) {
        if (a == null) {
            v.add(required(path));
            return;
        }
        checkText(v, path + ".fileName", a.fileName(), MAX_FILE_NAME_LENGTH);
        if (isBlank(a.mimeType())) {
            v.add(required(path + ".mimeType"));
        } else if (!MIME_TYPE.matcher(a.mimeType()).matches()) {
            v.add(new Violation(path + ".mimeType", "format", "must be a media type such as image/png"));
        }
        if (a.sizeBytes() < 0) {
            v.add(new Violation(path + ".sizeBytes", "min", "must not be negative"));
        }
        if (isBlank(a.sha256())) {
            v.add(required(path + ".sha256"));
        } else if (!SHA256_HEX.matcher(a.sha256()).matches()) {
            v.add(new Violation(path + ".sha256", "format", "must be 64 hexadecimal characters"));
        }
    }

    private static void checkText(List<Violation> v, String field, String value, int maxLength) {
        if (isBlank(value)) {
            v.add(required(field));
        } else if (length(value) > maxLength) {
            v.add(tooLong(field, maxLength));
        }
    }

    static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static Violation required(String field) {
        return new Violation(field, "required", "must be present and not blank");
    }

    private static Violation tooLong(String field, int maxLength) {
        return new Violation(field, "length", "must be at most " + maxLength + " characters");
    }
}
