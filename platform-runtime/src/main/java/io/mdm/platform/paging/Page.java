package io.mdm.platform.paging;

import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A page of a list answer: {@code {items, nextCursor}} (API.md, Conventions). */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /**
     * Builds the page from {@code limit + 1} fetched rows: the extra row only tells that there
     * is a next page, whose cursor points after the last returned item.
     */
    public static <R, T> Page<T> of(List<R> fetched, int limit, Function<R, PageCursor> cursorOf, Function<R, T> view) {
        boolean more = fetched.size() > limit;
        List<R> rows = more ? fetched.subList(0, limit) : fetched;
        return new Page<>(rows.stream().map(view).toList(), more ? cursorOf.apply(rows.get(rows.size() - 1)).encode() : null);
    }

    /** The {@code limit} query parameter: default 50, 1..500, else a 400 problem. */
    public static int limit(Integer requested) {
        int limit = requested == null ? DEFAULT_LIMIT : requested;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit must be between 1 and " + MAX_LIMIT + ".",
                    List.of(new Problem.Violation("limit", "range", "must be between 1 and " + MAX_LIMIT)));
        }
        return limit;
    }

    /** The {@code cursor} query parameter, else a 400 problem. */
    public static Optional<PageCursor> cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(PageCursor.decode(cursor).orElseThrow(() -> ProblemException.invalid("The cursor is not valid.",
                List.of(new Problem.Violation("cursor", "format", "use the nextCursor of a previous page")))));
    }
}
