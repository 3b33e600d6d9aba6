package io.mdm.platform.security;

/** The realm roles of Keycloak realm {@code mdm}. */
public final class Roles {
    public static final String MDM_ADMIN = "mdm-admin";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String PRIVACY_OFFICER = "privacy-officer";
    public static final String SECURITY_ANALYST = "security-analyst";
    public static final String EMPLOYEE = "employee";
    /** Not a Keycloak role: the role of a phone calling with its device token. */
    public static final String DEVICE = io.mdm.contracts.DeviceTokens.ROLE;

    private Roles() {
    }
}
