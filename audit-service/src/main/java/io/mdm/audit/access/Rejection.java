package io.mdm.audit.access;

import java.time.Instant;
import java.util.Objects;

/**
 * The privacy officer's rejection of an access request; one rejection ends the request.
 *
 * @param by           the rejecting officer's user name
 * @param byEmployeeId their employee id, {@code null} when the account has none
 * @param comment      why the request was rejected
 * @param at           when it was rejected
 */
public record Rejection(String by, String byEmployeeId, String comment, Instant at) {

    public Rejection {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
    }
}
