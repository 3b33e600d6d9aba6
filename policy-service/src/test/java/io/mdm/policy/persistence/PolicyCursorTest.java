package io.mdm.policy.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyCursorTest {

    @Test
    void aCursorReadsBackAsThePositionItWasMadeFrom() {
        PolicyCursor cursor = new PolicyCursor(Instant.parse("2026-11-27T08:15:30.123Z"),
                "3f1c2b9e-0d6a-4f57-9a43-5c0b7e2d1a88");

        assertEquals(cursor, PolicyCursor.decode(cursor.encode()));
    }

    @Test
    void aCursorIsOpaqueAndSafeInAQueryString() {
        String encoded = new PolicyCursor(Instant.parse("2026-11-27T08:15:30Z"), "p/1?x=2").encode();

        assertFalse(encoded.matches(".*[^A-Za-z0-9_-].*"), encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "MTIz", "OnAtMQ", "YWJjOnAtMQ"})
    void anythingElseIsRefused(String cursor) {
        // "MTIz" is "123" (no id), "OnAtMQ" is ":p-1" (no time), "YWJjOnAtMQ" is "abc:p-1".
        assertThrows(IllegalArgumentException.class, () -> PolicyCursor.decode(cursor));
    }
}
