package io.mdm.policy.domain;

/**
 * A policy as an author submits it (the body of POST and PUT /policies), before validation.
 *
 * <p>An author's empty {@code workApps.allowed} or {@code messaging.approvedApps} is stored as
 * absent: for an author "[]" means "no allow-list", whereas in a merged effective policy an
 * empty allow-list means "nothing is allowed" (see {@link EffectivePolicyMerger}).
 */
public record PolicyDraft(String name, String description, PolicyTarget target, PolicySettings settings) {

    public PolicyDraft {
        settings = settings == null ? null : settings.withEmptyAllowListsAsAbsent();
    }
}
