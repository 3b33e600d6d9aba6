package io.mdm.audit.access;

/**
 * One field that failed validation, as reported in the problem's {@code violations} array.
 *
 * @param field   the JSON path of the field in the request body, e.g. {@code scope.to}
 * @param rule    the rule it broke: {@value #REQUIRED}, {@value #LENGTH}, {@value #RANGE},
 *                {@value #PATTERN}, {@value #AFTER_FROM} or {@value #COUNT}
 * @param message a sentence safe to show to the caller; it never repeats the submitted value
 */
public record FieldViolation(String field, String rule, String message) {

    public static final String REQUIRED = "required";
    public static final String LENGTH = "length";
    public static final String RANGE = "range";
    public static final String PATTERN = "pattern";
    public static final String AFTER_FROM = "after-from";
    public static final String COUNT = "count";
}
