package io.mdm.contracts;

/**
 * What a device token (a JWT that the enrollment-service signs, ES256) carries, so every
 * service verifies it the same way: issuer, audience, the device id as {@code sub}, and the
 * role {@value #ROLE} in {@code groups}.
 */
public final class DeviceTokens {
    public static final String DEFAULT_ISSUER = "mdm-enrollment";
    public static final String AUDIENCE = "mdm-device";
    public static final String ROLE = "device";
    public static final String ROLES_CLAIM = "groups";
    public static final String EMPLOYEE_ID_CLAIM = "employee_id";
    public static final String OWNERSHIP_CLAIM = "ownership";

    private DeviceTokens() {
    }
}
