package io.mdm.audit.rest;

import io.mdm.audit.access.AccessRequestStatus;
import io.mdm.audit.persistence.PageCursor;
import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The query parameters of {@code GET /access-requests}, read as text so that a bad value is a 400
 * naming the parameter rather than JAX-RS' 404 for an unconvertible query parameter.
 *
 * @param status only requests in this status; {@code null} for all
 * @param limit  page size, {@value #DEFAULT_LIMIT} unless given, at most {@value #MAX_LIMIT}
 * @param after  the cursor of the previous page; {@code null} for the first page
 */
record ListParameters(AccessRequestStatus status, int limit, PageCursor after) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** @throws ProblemException 400 with one violation per bad parameter */
    static ListParameters parse(String status, String limit, String cursor) {
        List<Problem.Violation> violations = new ArrayList<>();
        AccessRequestStatus wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = Arrays.stream(AccessRequestStatus.values())
                    .filter(s -> s.name().equals(status)).findFirst().orElse(null);
            if (wanted == null) {
                violations.add(new Problem.Violation("status", "enum",
                        "must be one of " + Arrays.toString(AccessRequestStatus.values())));
            }
        }
        int pageSize = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            pageSize = parseLimit(limit);
            if (pageSize < 1 || pageSize > MAX_LIMIT) {
                violations.add(new Problem.Violation("limit", "range", "must be a whole number between 1 and "
                        + MAX_LIMIT));
            }
        }
        PageCursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = PageCursor.decode(cursor).orElse(null);
            if (after == null) {
                violations.add(new Problem.Violation("cursor", "cursor",
                        "must be a nextCursor value of an earlier page"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Some query parameters are invalid.", violations);
        }
        return new ListParameters(wanted, pageSize, after);
    }

    /** @return the number, or 0 (out of range) when the text is not a whole number */
    private static int parseLimit(String limit) {
        try {
            return Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
