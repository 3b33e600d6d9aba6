package io.mdm.bench.backup;

import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.domain.Direction;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Chat messages as a phone uploads them: a random UUID each, so no message is a duplicate of
 * another or of an earlier run's, and a body of exactly {@value #BODY_BYTES} bytes (ASCII, one
 * byte a character). Generated before timing starts, so the figures hold no client-side work.
 */
public final class MessageBatches {

    public static final int BODY_BYTES = 1024;
    public static final int MESSAGES_PER_BATCH = 100;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,";
    private static final int CONVERSATIONS = 20;

    private final RandomGenerator random;
    private final String sender;

    public MessageBatches(RandomGenerator random, String sender) {
        this.random = random;
        this.sender = sender;
    }

    /** {@code count} batches of {@value #MESSAGES_PER_BATCH} messages sent over the last hour. */
    public List<List<ChatMessage>> next(int count) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<List<ChatMessage>> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            List<ChatMessage> batch = new ArrayList<>(MESSAGES_PER_BATCH);
            for (int m = 0; m < MESSAGES_PER_BATCH; m++) {
                boolean outgoing = random.nextBoolean();
                batch.add(new ChatMessage(UUID.randomUUID().toString(), EnrolledDevice.APP,
                        "bench-conversation-" + random.nextInt(CONVERSATIONS),
                        now.minusMillis(random.nextInt(3_600_000)), outgoing ? Direction.OUT : Direction.IN,
                        outgoing ? sender : "colleague@example.org",
                        List.of(outgoing ? "colleague@example.org" : sender), body(), List.of()));
            }
            batches.add(batch);
        }
        return batches;
    }

    private String body() {
        char[] body = new char[BODY_BYTES];
        for (int i = 0; i < body.length; i++) {
            body[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(body);
    }
}
