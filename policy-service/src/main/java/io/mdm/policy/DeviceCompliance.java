package io.mdm.policy;

import io.mdm.policy.domain.ComplianceResult;
import io.mdm.policy.domain.ComplianceStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * The evaluation of a device's compliance report against its effective policy at that moment.
 *
 * @param reportedAt when the phone says it made the report
 * @param evaluatedAt when this service evaluated it
 */
public record DeviceCompliance(String deviceId, String employeeId, ComplianceResult result, Instant reportedAt,
                               Instant evaluatedAt) {

    public DeviceCompliance {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    }

    public ComplianceStatus status() {
        return result.status();
    }
}
