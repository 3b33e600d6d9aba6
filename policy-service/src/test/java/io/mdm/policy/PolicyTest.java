package io.mdm.policy;

import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.PolicyDraft;
import io.mdm.policy.domain.PolicySettings;
import io.mdm.policy.domain.PolicyTarget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-02T10:30:00Z");

    private static PolicyDraft draft(String name, int minLength) {
        return new PolicyDraft(name, "for work phones", new PolicyTarget(Set.of(Ownership.BYOD), Set.of()),
                new PolicySettings(new PolicySettings.Passcode(true, minLength), null, null, null, null, null, null));
    }

    @Test
    void aNewPolicyIsActiveVersionOneCreatedAndUpdatedByItsAuthor() {
        Policy policy = Policy.create("p-1", draft("Baseline", 6), "alice", CREATED);

        assertEquals(1, policy.version());
        assertEquals(Policy.Status.ACTIVE, policy.status());
        assertEquals("Baseline", policy.name());
        assertEquals("alice", policy.createdBy());
        assertEquals("alice", policy.updatedBy());
        assertEquals(CREATED, policy.updatedAt());
        assertNull(policy.archivedAt());
    }

    @Test
    void revisionMakesTheNextVersionAndKeepsTheCreation() {
        Policy first = Policy.create("p-1", draft("Baseline", 6), "alice", CREATED);

        Policy second = first.revise(draft("Baseline, stricter", 8), "adam", LATER);

        assertEquals(2, second.version());
        assertEquals("p-1", second.id());
        assertEquals(8, second.settings().passcode().minLength());
        assertEquals(CREATED, second.createdAt());
        assertEquals("alice", second.createdBy());
        assertEquals(LATER, second.updatedAt());
        assertEquals("adam", second.updatedBy());
        assertEquals(6, first.settings().passcode().minLength(), "the earlier version is unchanged");
    }

    @Test
    void archivingKeepsTheVersionAndItsContent() {
        Policy policy = Policy.create("p-1", draft("Baseline", 6), "alice", CREATED);

        Policy archived = policy.archive("adam", LATER);

        assertFalse(archived.isActive());
        assertEquals(1, archived.version());
        assertEquals(policy.settings(), archived.settings());
        assertEquals(LATER, archived.archivedAt());
        assertEquals("adam", archived.archivedBy());
        assertEquals(CREATED, archived.updatedAt(), "archiving does not make a new version");
    }

    @Test
    void anArchivedPolicyIsNeverChangedAgain() {
        Policy archived = Policy.create("p-1", draft("Baseline", 6), "alice", CREATED).archive("alice", LATER);

        assertThrows(IllegalStateException.class, () -> archived.revise(draft("Again", 6), "alice", LATER));
        assertThrows(IllegalStateException.class, () -> archived.archive("alice", LATER));
    }

    @Test
    void versionsStartAtOneAndOnlyArchivedPoliciesHaveAnArchivingTime() {
        Policy policy = Policy.create("p-1", draft("Baseline", 6), "alice", CREATED);

        assertThrows(IllegalArgumentException.class, () -> new Policy("p-1", 0, Policy.Status.ACTIVE, "x", null,
                policy.target(), policy.settings(), CREATED, "alice", CREATED, "alice", null, null));
        assertThrows(IllegalArgumentException.class, () -> new Policy("p-1", 1, Policy.Status.ACTIVE, "x", null,
                policy.target(), policy.settings(), CREATED, "alice", CREATED, "alice", LATER, "alice"));
        assertTrue(policy.isActive());
    }
}
