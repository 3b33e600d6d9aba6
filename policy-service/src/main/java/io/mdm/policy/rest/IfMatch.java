package io.mdm.policy.rest;

import io.mdm.platform.problem.Problem;
import io.mdm.platform.problem.ProblemException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code If-Match} request header (RFC 9110, section 13.1.1) against a policy's entity tag,
 * which is its version number in quotes ({@code "3"}). No header, or {@code *}, accepts any
 * version. Comparison is strong, so a weak tag ({@code W/"3"}) never matches.
 */
record IfMatch(boolean anyVersion, Set<Integer> versions) {

    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"([\\x21\\x23-\\x7E]*)\"");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    IfMatch {
        versions = Set.copyOf(versions);
    }

    /** Reads the header; a value that is not a list of entity tags is a 400 naming the header. */
    static IfMatch parse(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return new IfMatch(true, Set.of());
        }
        Set<Integer> versions = new TreeSet<>();
        for (String element : header.split(",")) {
            Matcher tag = ENTITY_TAG.matcher(element.strip());
            if (!tag.matches()) {
                throw ProblemException.invalid("The If-Match header is not a list of entity tags.",
                        List.of(new Problem.Violation("If-Match", "entity-tag-format",
                                "send the ETag of the version you read, with its quotes, e.g. \"3\"")));
            }
            if (tag.group(1) == null && VERSION.matcher(tag.group(2)).matches()) {
                versions.add(Integer.parseInt(tag.group(2)));
            }
        }
        return new IfMatch(false, versions);
    }

    boolean matches(int version) {
        return anyVersion || versions.contains(version);
    }
}
