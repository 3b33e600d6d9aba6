package io.mdm.backup.domain;

/**
 * One broken rule of an uploaded batch.
 *
 * @param field   where, as a path into the request, e.g. {@code messages[3].body}
 * @param rule    which rule, a stable machine-readable name (see {@link MessageValidator})
 * @param message what is wrong, for a person; never repeats the offending value, which may
 *                be chat content
 */
public record Violation(String field, String rule, String message) {
}
