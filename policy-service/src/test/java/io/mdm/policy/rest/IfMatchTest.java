package io.mdm.policy.rest;

import io.mdm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IfMatchTest {

    @Test
    void withoutTheHeaderEveryVersionIsAccepted() {
        assertTrue(IfMatch.parse(null).matches(1));
        assertTrue(IfMatch.parse(null).matches(42));
    }

    @Test
    void anAsteriskAcceptsEveryVersion() {
        assertTrue(IfMatch.parse("*").matches(7));
    }

    @Test
    void aQuotedVersionAcceptsThatVersionOnly() {
        IfMatch ifMatch = IfMatch.parse("\"3\"");

        assertTrue(ifMatch.matches(3));
        assertFalse(ifMatch.matches(4));
        assertFalse(ifMatch.matches(30));
    }

    @Test
    void aListAcceptsEachOfItsVersions() {
        IfMatch ifMatch = IfMatch.parse("\"2\", \"5\"");

        assertTrue(ifMatch.matches(2));
        assertTrue(ifMatch.matches(5));
        assertFalse(ifMatch.matches(3));
    }

    @Test
    void weakTagsAndForeignTagsNeverMatch() {
        assertFalse(IfMatch.parse("W/\"3\"").matches(3), "If-Match compares strongly");
        assertFalse(IfMatch.parse("\"abc\"").matches(3));
        assertFalse(IfMatch.parse("\"03\"").matches(3), "the ETag is the version's exact text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"3", "'3'", "\"3\" \"4\""})
    void anUnquotedOrBrokenTagIsABadRequestNamingTheHeader(String header) {
        ProblemException problem = assertThrows(ProblemException.class, () -> IfMatch.parse(header));

        assertEquals(400, problem.problem().status());
        assertEquals("If-Match", problem.problem().violations().getFirst().field());
    }
}
