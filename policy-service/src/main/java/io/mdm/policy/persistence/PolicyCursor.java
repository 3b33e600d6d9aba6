package io.mdm.policy.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of the policy list ended: lists are ordered by creation time, then id, so a cursor
 * stays valid while policies are created or archived. Clients see it as an opaque string.
 */
public record PolicyCursor(Instant createdAt, String policyId) {

    public PolicyCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(policyId, "policyId");
    }

    public String encode() {
        String position = createdAt.toEpochMilli() + ":" + policyId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor made by {@link #encode()}; anything else is an {@link IllegalArgumentException}. */
    public static PolicyCursor decode(String cursor) {
        String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int separator = position.indexOf(':');
        if (separator < 1 || separator == position.length() - 1) {
            throw new IllegalArgumentException("not a policy list cursor");
        }
        long millis = Long.parseLong(position.substring(0, separator));
        return new PolicyCursor(Instant.ofEpochMilli(millis), position.substring(separator + 1));
    }
}
