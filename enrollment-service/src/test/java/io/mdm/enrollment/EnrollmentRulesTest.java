package io.mdm.enrollment;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnrollmentRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private static Invitation invitation(int validHours) {
        return Invitation.issue("i1", "E1001", Ownership.BYOD, Secrets.hash("token"), validHours, NOW, "alice");
    }

    @Test
    void invitationExpiresExactlyAtItsExpiry() {
        Invitation invitation = invitation(72);
        assertEquals(Invitation.Status.PENDING, invitation.statusAt(NOW.plus(Duration.ofHours(72)).minusMillis(1)));
        assertEquals(Invitation.Status.EXPIRED, invitation.statusAt(NOW.plus(Duration.ofHours(72))));
    }

    @Test
    void validHoursOutsideOneTo720AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> invitation(0));
        assertThrows(IllegalArgumentException.class, () -> invitation(721));
        assertEquals(NOW.plus(Duration.ofHours(720)), invitation(720).expiresAt());
    }

    @Test
    void decisionOrderIsTokenThenInvitationThenConsentThenNotice() {
        assertEquals(EnrollmentDecision.Outcome.UNKNOWN_TOKEN,
                EnrollmentDecision.decide(Optional.empty(), false, 0, 1, NOW));
        assertEquals(EnrollmentDecision.Outcome.INVITATION_EXPIRED,
                EnrollmentDecision.decide(Optional.of(invitation(1)), false, 0, 1, NOW.plus(Duration.ofHours(2))));
        assertEquals(EnrollmentDecision.Outcome.CONSENT_MISSING,
                EnrollmentDecision.decide(Optional.of(invitation(1)), false, 0, 1, NOW));
        assertEquals(EnrollmentDecision.Outcome.NOTICE_OUTDATED,
                EnrollmentDecision.decide(Optional.of(invitation(1)), true, 1, 2, NOW));
        assertEquals(EnrollmentDecision.Outcome.ACCEPTED,
                EnrollmentDecision.decide(Optional.of(invitation(1)), true, 2, 2, NOW));
    }

    @Test
    void usedAndRevokedInvitationsAreRefused() {
        Invitation used = new Invitation("i1", "E1001", Ownership.BYOD, "h", NOW, NOW.plusSeconds(3600), "alice",
                Invitation.Status.USED, NOW, "d1", null, null);
        Invitation revoked = new Invitation("i2", "E1001", Ownership.BYOD, "h", NOW, NOW.plusSeconds(3600), "alice",
                Invitation.Status.REVOKED, null, null, NOW, "alice");
        assertEquals(EnrollmentDecision.Outcome.INVITATION_USED, EnrollmentDecision.decide(Optional.of(used), true, 1, 1, NOW));
        assertEquals(EnrollmentDecision.Outcome.INVITATION_REVOKED, EnrollmentDecision.decide(Optional.of(revoked), true, 1, 1, NOW));
    }

    @Test
    void secretsAre256RandomBitsStoredOnlyAsAHash() {
        String secret = Secrets.newSecret();
        assertEquals(43, secret.length(), "32 bytes in unpadded base64url");
        assertTrue(secret.matches("[A-Za-z0-9_-]+"));
        assertNotEquals(secret, Secrets.newSecret());
        String hash = Secrets.hash(secret);
        assertFalse(hash.contains(secret));
        assertTrue(Secrets.matches(secret, hash));
        assertFalse(Secrets.matches(secret + "x", hash));
        assertFalse(Secrets.matches(null, hash));
    }

    @Test
    void aNewNoticeVersionFollowsTheCurrentOne() {
        PrivacyNotice first = DefaultPrivacyNotices.first(Ownership.BYOD, NOW);
        PrivacyNotice second = first.next("text", java.util.List.of("a"), java.util.List.of("b"), NOW, "alice");
        assertEquals(1, first.version());
        assertEquals(2, second.version());
        assertTrue(first.employerCannotSee().stream().anyMatch(item -> item.contains("location")));
    }
}
