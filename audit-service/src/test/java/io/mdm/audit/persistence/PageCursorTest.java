package io.mdm.audit.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PageCursorTest {

    @Test
    void anEncodedCursorDecodesToItself() {
        PageCursor cursor = new PageCursor(Instant.parse("2025-03-10T09:00:00.123Z"), "0b7c1c9e-req");

        assertEquals(Optional.of(cursor), PageCursor.decode(cursor.encode()));
    }

    @Test
    void textThatIsNoCursorIsRefused() {
        assertFalse(PageCursor.decode("not a cursor!").isPresent());
        assertFalse(PageCursor.decode("bm8tc2VwYXJhdG9y").isPresent());
        assertFalse(PageCursor.decode("eWVzdGVyZGF5fGlk").isPresent());
    }
}
