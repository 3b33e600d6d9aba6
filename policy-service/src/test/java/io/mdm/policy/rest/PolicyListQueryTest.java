package io.mdm.policy.rest;

import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;
import io.mdm.policy.Policy;
import io.mdm.policy.persistence.PolicyCursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyListQueryTest {

    @Test
    void withoutParametersAllStatusesAreListedFiftyAtATime() {
        PolicyListQuery query = PolicyListQuery.parse(null, null, null);

        assertEquals(Optional.empty(), query.status());
        assertEquals(50, query.limit());
        assertEquals(Optional.empty(), query.after());
    }

    @Test
    void parametersAreRead() {
        PolicyCursor cursor = new PolicyCursor(Instant.parse("2026-05-01T12:00:00Z"), "p-9");

        PolicyListQuery query = PolicyListQuery.parse("ARCHIVED", "500", cursor.encode());

        assertEquals(Optional.of(Policy.Status.ARCHIVED), query.status());
        assertEquals(500, query.limit());
        assertEquals(Optional.of(cursor), query.after());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "ten", "1.5", "99999999999"})
    void aLimitOutsideOneToFiveHundredIsRefused(String limit) {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> PolicyListQuery.parse(null, limit, null));

        assertEquals(400, problem.problem().status());
        assertEquals(List.of("limit"), fields(problem));
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> PolicyListQuery.parse("DELETED", "0", "not a cursor!"));

        assertEquals(List.of("status", "limit", "cursor"), fields(problem));
    }

    private static List<String> fields(ProblemException problem) {
        return problem.problem().violations().stream().map(Problem.Violation::field).toList();
    }
}
