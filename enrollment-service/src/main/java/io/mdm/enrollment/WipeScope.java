package io.mdm.enrollment;

import java.util.Optional;

/**
 * What a wipe removes. On a personal phone only the work profile may be removed (principle 1):
 * {@link #allowedOn(Ownership)} is the one place that rule lives.
 */
public enum WipeScope {
    WORK_DATA, FULL_DEVICE;

    public static final String BYOD_RULE = "byod-work-data-only";

    public boolean allowedOn(Ownership ownership) {
        return this == WORK_DATA || ownership == Ownership.CORPORATE;
    }

    /** Why this scope is refused on a phone of {@code ownership}, if it is. */
    public Optional<String> refusalOn(Ownership ownership) {
        return allowedOn(ownership) ? Optional.empty()
                : Optional.of("A personal (BYOD) phone may only be wiped of its work data; a full wipe would "
                + "destroy the employee's private data.");
    }
}
