package io.mdm.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * Payloads of topic {@code mdm.policy.v1}. Policies are keyed by policy id, compliance changes by
 * device id. None carries a policy's settings in full or anything a phone reported beyond rule ids.
 */
public final class PolicyEvents {

    private PolicyEvents() {
    }

    /**
     * A policy version became the current one (version 1 on creation, every update after).
     *
     * @param targetOwnership BYOD and/or CORPORATE
     * @param targetEmployeeIds empty when the policy applies to every employee
     */
    public record PolicyPublished(String policyId, int version, String name, List<String> targetOwnership,
                                  List<String> targetEmployeeIds, String publishedBy, Instant publishedAt) {

        public PolicyPublished {
            targetOwnership = List.copyOf(targetOwnership);
            targetEmployeeIds = List.copyOf(targetEmployeeIds);
        }
    }

    /** A policy no longer applies; {@code version} is its last version, which stays readable. */
    public record PolicyArchived(String policyId, int version, String archivedBy, Instant archivedAt) {
    }

    /**
     * A device's compliance status changed.
     *
     * @param previousStatus null for a device's first evaluation
     * @param reasons stable rule ids only (e.g. {@code passcode-too-short}), never the phone's values
     */
    public record ComplianceChanged(String deviceId, String employeeId, String status, String previousStatus,
                                    List<String> reasons, Instant evaluatedAt) {

        public ComplianceChanged {
            reasons = List.copyOf(reasons);
        }
    }
}
