package io.mdm.policy;

import io.mdm.policy.domain.PolicyDraft;
import io.mdm.policy.domain.PolicySettings;
import io.mdm.policy.domain.PolicyTarget;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a policy, as an admin sees it. Versions are immutable: an update makes the next
 * version, and archiving ends the policy without changing its content. {@code createdAt/By}
 * belong to the policy (version 1), {@code updatedAt/By} to this version.
 *
 * <p>Drafts reach this class validated (SettingsValidator, PrivacyGuardrails); it only keeps the
 * lifecycle straight.
 *
 * @param description null when the author gave none
 * @param archivedAt null while the policy is active
 * @param archivedBy null while the policy is active
 */
public record Policy(String id, int version, Status status, String name, String description, PolicyTarget target,
                     PolicySettings settings, Instant createdAt, String createdBy, Instant updatedAt,
                     String updatedBy, Instant archivedAt, String archivedBy) {

    public enum Status {
        /** Applied to the devices it targets. */
        ACTIVE,
        /** Kept and readable, applied to no device, never changed again. */
        ARCHIVED
    }

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
        if ((status == Status.ARCHIVED) != (archivedAt != null)) {
            throw new IllegalArgumentException("an archived policy, and only an archived one, has archivedAt");
        }
    }

    /** Version 1 of a new policy. */
    public static Policy create(String id, PolicyDraft draft, String by, Instant at) {
        return new Policy(id, 1, Status.ACTIVE, draft.name(), draft.description(), draft.target(), draft.settings(),
                at, by, at, by, null, null);
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    /** The next version with the draft's content; an archived policy is never changed again. */
    public Policy revise(PolicyDraft draft, String by, Instant at) {
        requireActive();
        return new Policy(id, version + 1, status, draft.name(), draft.description(), draft.target(),
                draft.settings(), createdAt, createdBy, at, by, null, null);
    }

    /** The same version, no longer applied. */
    public Policy archive(String by, Instant at) {
        requireActive();
        return new Policy(id, version, Status.ARCHIVED, name, description, target, settings, createdAt, createdBy,
                updatedAt, updatedBy, at, by);
    }

    private void requireActive() {
        if (!isActive()) {
            throw new IllegalStateException("policy " + id + " is archived");
        }
    }
}
