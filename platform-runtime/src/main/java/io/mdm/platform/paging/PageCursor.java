package io.mdm.platform.paging;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * An opaque keyset cursor for newest-first lists: the (time, id) of the last item of a page.
 * Keyset paging stays correct and indexed while new items arrive, unlike skip/offset.
 */
public record PageCursor(Instant time, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for a cursor that was not made by {@link #encode()}. */
    public static Optional<PageCursor> decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon < 1 || colon == text.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new PageCursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))),
                    text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Items after this cursor in (timeField desc, _id desc) order. */
    public Bson olderThan(String timeField) {
        Date at = Date.from(time);
        return Filters.or(Filters.lt(timeField, at), Filters.and(Filters.eq(timeField, at), Filters.lt("_id", id)));
    }
}
