package io.mdm.backup;

import io.mdm.backup.domain.Violation;

import java.util.List;

/** A request about a legal hold breaks field rules; it names every broken rule, never the offending value. */
public class InvalidLegalHoldException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidLegalHoldException(List<Violation> violations) {
        super(violations.size() + " broken rule(s)", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
