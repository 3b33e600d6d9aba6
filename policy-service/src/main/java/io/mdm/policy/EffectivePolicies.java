package io.mdm.policy;

import io.mdm.policy.domain.EffectivePolicyMerger;
import io.mdm.policy.persistence.PolicyRepository;
import io.mdm.policy.persistence.PolicyRepository.ActivePolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Computes a device's effective policy on every read: a handful of active policies are merged in
 * microseconds, and a policy that was just updated or archived changes the answer at once, with no
 * stored copy to fall behind.
 */
@ApplicationScoped
public class EffectivePolicies {

    private final PolicyRepository policies;
    private final EffectivePolicyMerger merger = new EffectivePolicyMerger();

    public EffectivePolicies(PolicyRepository policies) {
        this.policies = policies;
    }

    /** What applies to the device now; a retired device gets what would apply to it, for the record. */
    public EffectivePolicy of(Device device) {
        List<ActivePolicy> active = policies.activePoliciesFor(device.ownership(), device.employeeId());
        return new EffectivePolicy(device.id(), device.ownership(),
                merger.merge(active.stream().map(ActivePolicy::settings).toList()),
                active.stream().map(policy -> new EffectivePolicy.Source(policy.policyId(), policy.version())).toList());
    }
}
