package io.mdm.enrollment;

import java.util.Optional;

/** Who owns the phone: the employee (bring your own device) or the company. */
public enum Ownership {
    BYOD, CORPORATE;

    public static Optional<Ownership> parse(String value) {
        for (Ownership ownership : values()) {
            if (ownership.name().equals(value)) {
                return Optional.of(ownership);
            }
        }
        return Optional.empty();
    }
}
