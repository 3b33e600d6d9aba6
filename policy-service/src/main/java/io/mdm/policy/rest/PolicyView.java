package io.mdm.policy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mdm.policy.Policy;
import io.mdm.policy.domain.PolicySettings;
import io.mdm.policy.domain.PolicyTarget;

import java.time.Instant;

/**
 * A policy version as the API answers it. Fields without a value (no description, not archived)
 * are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyView(String id, int version, Policy.Status status, String name, String description,
                         PolicyTarget target, PolicySettings settings, Instant createdAt, String createdBy,
                         Instant updatedAt, String updatedBy, Instant archivedAt, String archivedBy) {

    static PolicyView of(Policy policy) {
        return new PolicyView(policy.id(), policy.version(), policy.status(), policy.name(), policy.description(),
                policy.target(), policy.settings(), policy.createdAt(), policy.createdBy(), policy.updatedAt(),
                policy.updatedBy(), policy.archivedAt(), policy.archivedBy());
    }
}
