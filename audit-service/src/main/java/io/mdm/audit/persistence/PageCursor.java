package io.mdm.audit.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a page of access requests ended, in their list order (newest first, then by id). Clients
 * see it only as an opaque string and hand it back unchanged.
 *
 * @param createdAt the creation instant of the last request of the page
 * @param id        its id, which orders requests created in the same millisecond
 */
public record PageCursor(Instant createdAt, String id) {

    private static final String SEPARATOR = "|";

    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + SEPARATOR + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the cursor, or empty when the text is not one this class encoded */
    public static Optional<PageCursor> decode(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int separator = decoded.indexOf(SEPARATOR);
            if (separator < 0 || separator == decoded.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new PageCursor(Instant.parse(decoded.substring(0, separator)),
                    decoded.substring(separator + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
