package io.mdm.policy.domain;

import java.util.List;

/** The evaluation of one compliance report: COMPLIANT exactly when there is no reason against it. */
public record ComplianceResult(ComplianceStatus status, List<Reason> reasons) {

    public ComplianceResult {
        reasons = List.copyOf(reasons);
        if ((status == ComplianceStatus.COMPLIANT) != reasons.isEmpty()) {
            throw new IllegalArgumentException("status " + status + " does not match " + reasons.size() + " reasons");
        }
    }

    static ComplianceResult of(List<Reason> reasons) {
        return new ComplianceResult(
                reasons.isEmpty() ? ComplianceStatus.COMPLIANT : ComplianceStatus.NON_COMPLIANT, reasons);
    }

    /** One unmet requirement: a stable rule id and a message for the employee and the admin. */
    public record Reason(String rule, String message) {}
}
