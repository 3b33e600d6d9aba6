package io.mdm.audit.access;

import java.time.Instant;
import java.util.Objects;

/**
 * The end of an approved grant, or the withdrawal of a pending request by its requester.
 *
 * @param by      the user name of who revoked
 * @param comment why
 * @param at      when; the grant stops working from this instant
 */
public record Revocation(String by, String comment, Instant at) {

    public Revocation {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
    }
}
