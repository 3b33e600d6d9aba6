package io.mdm.policy;

import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.PolicySettings;

import java.util.List;
import java.util.Objects;

/**
 * What applies to one device now: the merge of every active policy that targets it, and which
 * policy versions it was merged from (none: {@code settings} is empty and requires nothing).
 */
public record EffectivePolicy(String deviceId, Ownership ownership, PolicySettings settings, List<Source> sources) {

    public EffectivePolicy {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(settings, "settings");
        sources = List.copyOf(sources);
    }

    /** One policy version the effective policy was merged from. */
    public record Source(String policyId, int version) {
    }
}
