package io.mdm.backup.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of legal holds ends, in the list's order (newest {@code placedAt} first, then
 * {@code _id} descending). Clients see it only as an opaque token; its shape may change.
 */
public record HoldCursor(Instant placedAt, String id) {

    private static final char SEPARATOR = '|';

    public HoldCursor {
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(id, "id");
    }

    public String token() {
        byte[] raw = (placedAt.toEpochMilli() + String.valueOf(SEPARATOR) + id).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * The cursor a token stands for.
     *
     * @throws IllegalArgumentException when the token was not made by {@link #token()}
     */
    public static HoldCursor parse(String token) {
        String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int separator = raw.indexOf(SEPARATOR);
        if (separator < 1 || separator == raw.length() - 1) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new HoldCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, separator))),
                raw.substring(separator + 1));
    }
}
