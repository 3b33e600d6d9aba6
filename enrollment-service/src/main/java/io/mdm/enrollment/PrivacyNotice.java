package io.mdm.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of the privacy notice an employee accepts when enrolling a phone of the given
 * ownership. Versions are immutable; publishing makes a new one, and consents name the version
 * they accepted.
 */
public record PrivacyNotice(Ownership ownership, int version, String text, List<String> employerCanSee,
                            List<String> employerCannotSee, Instant publishedAt, String publishedBy) {

    public PrivacyNotice {
        Objects.requireNonNull(ownership, "ownership");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
        employerCanSee = List.copyOf(employerCanSee);
        employerCannotSee = List.copyOf(employerCannotSee);
    }

    /** The version that follows this one. */
    public PrivacyNotice next(String text, List<String> canSee, List<String> cannotSee, Instant at, String by) {
        return new PrivacyNotice(ownership, version + 1, text, canSee, cannotSee, at, by);
    }
}
