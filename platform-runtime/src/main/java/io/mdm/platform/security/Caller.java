package io.mdm.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who calls: the Keycloak user name, the {@code employee_id} claim when the person is an
 * employee, and the realm roles.
 */
public record Caller(String username, Optional<String> employeeId, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** True when the caller is the phone {@code deviceId}, calling with its own device token. */
    public boolean isDevice(String deviceId) {
        return hasRole(io.mdm.contracts.DeviceTokens.ROLE) && username.equals(deviceId);
    }

    /** True when the caller is the employee {@code employeeId}. */
    public boolean isEmployee(String employeeId) {
        return this.employeeId.map(employeeId::equals).orElse(false);
    }
}
