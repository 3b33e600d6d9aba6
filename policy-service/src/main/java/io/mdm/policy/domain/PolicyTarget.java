package io.mdm.policy.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which devices a policy applies to: devices of the listed ownerships, and of those only the
 * listed employees' devices when {@code employeeIds} is not empty.
 *
 * <p>An empty {@code ownership} set is representable so that {@link SettingsValidator} can report
 * it as a violation instead of failing while the request body is read. Both sets are kept sorted,
 * so a target always serialises the same way. A null element is a malformed body rather than a
 * violation and is refused here.
 */
public record PolicyTarget(Set<Ownership> ownership, Set<String> employeeIds) {

    public PolicyTarget {
        ownership = ownership == null ? Set.of() : Collections.unmodifiableSet(enumSetOf(ownership));
        employeeIds = employeeIds == null ? Set.of() : Collections.unmodifiableSet(sortedSetOf(employeeIds));
    }

    /** Whether a device of this ownership and employee is governed by the policy. */
    public boolean appliesTo(Ownership deviceOwnership, String employeeId) {
        return ownership.contains(deviceOwnership) && (employeeIds.isEmpty() || employeeIds.contains(employeeId));
    }

    /** Whether any device of this ownership can be governed; decides if the BYOD guardrails apply. */
    public boolean includes(Ownership candidate) {
        return ownership.contains(candidate);
    }

    private static EnumSet<Ownership> enumSetOf(Set<Ownership> values) {
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("target.ownership must not contain null");
        }
        return values.isEmpty() ? EnumSet.noneOf(Ownership.class) : EnumSet.copyOf(values);
    }

    private static TreeSet<String> sortedSetOf(Set<String> values) {
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("target.employeeIds must not contain null");
        }
        return new TreeSet<>(values);
    }
}
