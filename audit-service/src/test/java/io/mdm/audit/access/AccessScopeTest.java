package io.mdm.audit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessScopeTest {

    private static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");

    private static Instant t(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }

    private static AccessScope scope(int fromHour, int toHour, String... conversations) {
        return new AccessScope(t(fromHour), t(toHour), Set.of(conversations));
    }

    /** Granted {@code [0h, 10h)} over all conversations. */
    static Stream<Arguments> unlimitedConversations() {
        return Stream.of(
                Arguments.of("the whole range", scope(0, 10), true),
                Arguments.of("a range strictly inside", scope(2, 8), true),
                Arguments.of("ending exactly at the exclusive end", scope(5, 10), true),
                Arguments.of("starting exactly at the start", scope(0, 1), true),
                Arguments.of("starting before", scope(-1, 5), false),
                Arguments.of("ending after", scope(5, 11), false),
                Arguments.of("entirely after", scope(10, 12), false),
                Arguments.of("entirely before", scope(-5, -1), false),
                Arguments.of("covering more on both sides", scope(-1, 11), false),
                Arguments.of("an empty range", scope(5, 5), false),
                Arguments.of("an inverted range", scope(6, 5), false),
                Arguments.of("one named conversation", scope(2, 8, "c1"), true),
                Arguments.of("several named conversations", scope(2, 8, "c1", "c2"), true),
                Arguments.of("a named conversation outside the range", scope(2, 11, "c1"), false),
                Arguments.of("no start", new AccessScope(null, t(5), Set.of()), false),
                Arguments.of("no end", new AccessScope(t(1), null, Set.of()), false));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("unlimitedConversations")
    void scopeOverAllConversationsContains(String description, AccessScope requested, boolean contained) {
        assertEquals(contained, scope(0, 10).contains(requested));
    }

    /** Granted {@code [0h, 10h)} limited to conversations c1 and c2. */
    static Stream<Arguments> limitedConversations() {
        return Stream.of(
                Arguments.of("one listed conversation", scope(2, 8, "c1"), true),
                Arguments.of("the other listed conversation, whole range", scope(0, 10, "c2"), true),
                Arguments.of("an unlisted conversation", scope(2, 8, "c3"), false),
                Arguments.of("no conversation named", scope(2, 8), false),
                Arguments.of("both listed conversations at once", scope(2, 8, "c1", "c2"), false),
                Arguments.of("a listed and an unlisted conversation", scope(2, 8, "c1", "c3"), false),
                Arguments.of("a listed conversation outside the range", scope(9, 11, "c1"), false),
                Arguments.of("a conversation differing only in case", scope(2, 8, "C1"), false));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("limitedConversations")
    void scopeLimitedToConversationsContains(String description, AccessScope requested, boolean contained) {
        assertEquals(contained, scope(0, 10, "c1", "c2").contains(requested));
    }

    @Test
    void nothingIsContainedInAnIncompleteScope() {
        AccessScope noEnd = new AccessScope(t(0), null, Set.of());

        assertFalse(noEnd.contains(scope(1, 2)));
        assertFalse(scope(0, 10).contains(null));
    }

    @Test
    void missingConversationListMeansAllConversations() {
        AccessScope scope = new AccessScope(t(0), t(10), null);

        assertFalse(scope.limitsConversations());
        assertTrue(scope.contains(scope(1, 2, "any")));
    }

    @Test
    void conversationListIsCopied() {
        Set<String> ids = new HashSet<>(Set.of("c1"));
        AccessScope scope = new AccessScope(t(0), t(10), ids);

        ids.add("c2");

        assertEquals(Set.of("c1"), scope.conversationIds());
        assertFalse(scope.contains(scope(1, 2, "c2")));
    }
}
