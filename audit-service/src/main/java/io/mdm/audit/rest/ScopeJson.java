package io.mdm.audit.rest;

import io.mdm.audit.access.AccessScope;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An access scope in JSON, in and out: {@code {from, to, conversationIds}}.
 *
 * @param from            first instant included
 * @param to              first instant no longer included
 * @param conversationIds the conversations the scope is limited to; empty or absent means all
 */
public record ScopeJson(Instant from, Instant to, List<String> conversationIds) {

    static ScopeJson of(AccessScope scope) {
        return new ScopeJson(scope.from(), scope.to(), List.copyOf(scope.conversationIds()));
    }

    /** Kept to the millisecond, the precision of the store, so that a request reads back as it was filed. */
    AccessScope toAccessScope() {
        return new AccessScope(millis(from), millis(to),
                conversationIds == null ? null : new LinkedHashSet<>(conversationIds));
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
