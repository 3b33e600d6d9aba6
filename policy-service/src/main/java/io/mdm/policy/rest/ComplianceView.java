package io.mdm.policy.rest;

import io.mdm.policy.DeviceCompliance;
import io.mdm.policy.domain.ComplianceResult;
import io.mdm.policy.domain.ComplianceStatus;

import java.time.Instant;
import java.util.List;

/** A compliance evaluation as the API answers it: {@code reasons} is empty exactly when COMPLIANT. */
public record ComplianceView(String deviceId, ComplianceStatus status, List<ComplianceResult.Reason> reasons,
                             Instant reportedAt, Instant evaluatedAt) {

    public ComplianceView {
        reasons = List.copyOf(reasons);
    }

    static ComplianceView of(DeviceCompliance evaluation) {
        return new ComplianceView(evaluation.deviceId(), evaluation.status(), evaluation.result().reasons(),
                evaluation.reportedAt(), evaluation.evaluatedAt());
    }
}
