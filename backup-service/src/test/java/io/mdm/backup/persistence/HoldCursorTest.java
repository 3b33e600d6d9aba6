package io.mdm.backup.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HoldCursorTest {

    @Test
    void tokenReadsBackAsTheSameCursor() {
        HoldCursor cursor = new HoldCursor(Instant.parse("2025-03-01T09:00:00.123Z"), "0b7c6a1e-2f4d-4a8e-9c3b-5d6e7f8a9b0c");
        assertEquals(cursor, HoldCursor.parse(cursor.token()));
    }

    @Test
    void tokenIsUrlSafe() {
        String token = new HoldCursor(Instant.parse("2025-03-01T09:00:00Z"), "??>>~~").token();
        assertEquals(token, token.replaceAll("[^A-Za-z0-9_-]", ""));
    }

    @Test
    void foreignTokensAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HoldCursor.parse("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> HoldCursor.parse("bm8tc2VwYXJhdG9y"));
        assertThrows(IllegalArgumentException.class, () -> HoldCursor.parse("YWJjfGlk"));
        assertThrows(IllegalArgumentException.class, () -> HoldCursor.parse(""));
    }
}
