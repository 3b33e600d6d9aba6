package io.mdm.policy.domain;

/**
 * One broken rule of a policy draft, in the shape of the API's {@code violations} entries.
 *
 * @param field path of the offending field, e.g. {@code settings.passcode.minLength} or
 *     {@code settings.workApps.blocked[2]} for one element of a list
 * @param rule stable id of the rule, for clients that react to specific rules
 * @param message what is wrong and how to fix it, for the policy author
 */
public record Violation(String field, String rule, String message) {}
