package io.mdm.audit.access;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What of one employee's backup may be read: the half-open time range {@code [from, to)} and,
 * optionally, a set of conversations. The employee is not part of the scope; it is checked
 * separately so that a scope can never be reused for another person.
 *
 * <p>The values are not validated here: an incoming request is validated field by field in
 * {@link AccessRequest#file}, and a read whose scope is incomplete is simply not contained.
 *
 * @param from            first instant included
 * @param to              first instant no longer included
 * @param conversationIds the conversations the scope is limited to; empty means all conversations
 */
public record AccessScope(Instant from, Instant to, Set<String> conversationIds) {

    public AccessScope {
        // A copy that keeps the caller's order and tolerates a null element, so that validation
        // can report a bad element instead of the constructor failing on it.
        conversationIds = conversationIds == null
                ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(conversationIds));
    }

    /** A scope over all conversations of the range. */
    public static AccessScope allConversations(Instant from, Instant to) {
        return new AccessScope(from, to, Set.of());
    }

    public boolean limitsConversations() {
        return !conversationIds.isEmpty();
    }

    /**
     * Whether a read of {@code requested} stays inside this scope.
     *
     * <ul>
     *   <li>The requested range must be non-empty and lie inside {@code [from, to)}: an empty or
     *       inverted range has no legitimate use and is refused rather than read as "nothing".</li>
     *   <li>When this scope limits conversations, the requested scope must name exactly one
     *       conversation and it must be one of them; a read without a conversation would reach
     *       conversations outside the limit.</li>
     *   <li>When this scope has no conversation limit, any conversation may be named.</li>
     * </ul>
     */
    public boolean contains(AccessScope requested) {
        if (requested == null || from == null || to == null
                || requested.from() == null || requested.to() == null) {
            return false;
        }
        boolean rangeInside = !requested.from().isBefore(from)
                && !requested.to().isAfter(to)
                && requested.from().isBefore(requested.to());
        if (!rangeInside) {
            return false;
        }
        if (!limitsConversations()) {
            return true;
        }
        Set<String> asked = requested.conversationIds();
        return asked.size() == 1 && conversationIds.containsAll(asked);
    }
}
