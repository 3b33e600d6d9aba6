package io.mdm.policy.rest;

import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.policy.Policy;
import io.mdm.policy.persistence.PolicyCursor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The query parameters of {@code GET /policies}, read as text so that every bad value is a 400
 * naming its parameter (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
record PolicyListQuery(Optional<Policy.Status> status, int limit, Optional<PolicyCursor> after) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    static PolicyListQuery parse(String status, String limit, String cursor) {
        List<Problem.Violation> violations = new ArrayList<>();
        Optional<Policy.Status> wanted = Optional.empty();
        if (status != null && !status.isEmpty()) {
            try {
                wanted = Optional.of(Policy.Status.valueOf(status));
            } catch (IllegalArgumentException unknown) {
                violations.add(new Problem.Violation("status", "status-value", "status is ACTIVE or ARCHIVED"));
            }
        }
        int pageSize = DEFAULT_LIMIT;
        if (limit != null && !limit.isEmpty()) {
            pageSize = limit.matches("[0-9]{1,4}") ? Integer.parseInt(limit) : -1;
            if (pageSize < 1 || pageSize > MAX_LIMIT) {
                violations.add(new Problem.Violation("limit", "limit-range",
                        "limit is a whole number from 1 to " + MAX_LIMIT));
            }
        }
        Optional<PolicyCursor> after = Optional.empty();
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = Optional.of(PolicyCursor.decode(cursor));
            } catch (IllegalArgumentException malformed) {
                violations.add(new Problem.Violation("cursor", "cursor-format",
                        "pass back the nextCursor of the previous page unchanged"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Some query parameters are invalid.", violations);
        }
        return new PolicyListQuery(wanted, pageSize, after);
    }
}
