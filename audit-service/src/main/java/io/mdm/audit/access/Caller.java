package io.mdm.audit.access;

import java.util.Objects;
import java.util.Set;

/**
 * The person behind a call, as the adapter verified it from the bearer token.
 *
 * @param username   the Keycloak user name (the audit actor)
 * @param employeeId the token claim {@code employee_id}; {@code null} when the account has none
 * @param roles      the realm roles of the token
 */
public record Caller(String username, String employeeId, Set<String> roles) {

    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String PRIVACY_OFFICER = "privacy-officer";

    public Caller {
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean isComplianceOfficer() {
        return roles.contains(COMPLIANCE_OFFICER);
    }

    public boolean isPrivacyOfficer() {
        return roles.contains(PRIVACY_OFFICER);
    }

    /**
     * Whether this caller is the person identified by the user name or, when both sides carry
     * one, the employee id. Used to refuse four-eyes violations, so it errs towards "same
     * person": case is ignored, because two spellings of one account must not count as two people.
     */
    boolean isSamePersonAs(String otherUsername, String otherEmployeeId) {
        return sameIdentifier(username, otherUsername) || isEmployee(otherEmployeeId);
    }

    /** Whether this caller carries the given employee id (case ignored, see {@link #isSamePersonAs}). */
    boolean isEmployee(String otherEmployeeId) {
        return sameIdentifier(employeeId, otherEmployeeId);
    }

    private static boolean sameIdentifier(String a, String b) {
        return a != null && b != null && !a.isBlank() && a.equalsIgnoreCase(b);
    }
}
