package io.mdm.backup.read;

import io.mdm.backup.persistence.MessageRepository.Position;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque cursor of the read path: where the last page ended, bound to the scope it was
 * read in, so that it continues that scope and no other. It grants nothing: every page is
 * authorized on its own and queried within its own scope.
 */
public final class ReadCursor {

    private ReadCursor() {
    }

    public static String encode(ReadScope scope, Position last) {
        String text = fingerprint(scope) + "\n" + last.sentAt().toEpochMilli() + "\n" + last.key();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor names.
     *
     * @throws IllegalArgumentException when it is not a cursor of this service or belongs to another scope
     */
    public static Position decode(String cursor, ReadScope scope) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor");
        }
        if (parts.length != 3 || !parts[0].equals(fingerprint(scope))
                || !parts[2].startsWith(scope.employeeId() + ":")) {
            throw new IllegalArgumentException("not a cursor of this scope");
        }
        try {
            return new Position(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor");
        }
    }

    // A hash, so that the cursor does not spell out the scope (the conversation id) again.
    private static String fingerprint(ReadScope scope) {
        String text = scope.employeeId() + "\n" + scope.from() + "\n" + scope.to() + "\n"
                + scope.conversationId().map(c -> "c:" + c).orElse("-");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
