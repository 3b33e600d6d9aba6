package io.mdm.audit.persistence;

import io.mdm.audit.access.AccessRequestStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * One page of the access-request list.
 *
 * @param requestedBy             only requests of this user name; {@code null} for every requester
 * @param hiddenSubjectEmployeeId leave out requests about this employee; {@code null} to hide none
 * @param status                  only requests in this status at {@code now}; {@code null} for all
 * @param now                     the instant that decides whether a PENDING request already counts as EXPIRED
 * @param after                   the cursor of the previous page; {@code null} for the first page
 * @param limit                   the most requests to return
 */
public record AccessRequestQuery(String requestedBy, String hiddenSubjectEmployeeId, AccessRequestStatus status,
                                 Instant now, PageCursor after, int limit) {

    public AccessRequestQuery {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
