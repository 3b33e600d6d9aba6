package io.mdm.enrollment;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a phone may enroll with an invitation, in the order the API answers: an
 * unknown token (401), an unusable invitation (410), then consent and notice (422). Consuming
 * the invitation happens only after every check passed.
 */
public final class EnrollmentDecision {

    public enum Outcome { ACCEPTED, UNKNOWN_TOKEN, INVITATION_USED, INVITATION_EXPIRED, INVITATION_REVOKED,
        CONSENT_MISSING, NOTICE_OUTDATED }

    private EnrollmentDecision() {
    }

    public static Outcome decide(Optional<Invitation> invitation, boolean consent, int acceptedNoticeVersion,
                                 int currentNoticeVersion, Instant now) {
        if (invitation.isEmpty()) {
            return Outcome.UNKNOWN_TOKEN;
        }
        switch (invitation.get().statusAt(now)) {
            case USED:
                return Outcome.INVITATION_USED;
            case EXPIRED:
                return Outcome.INVITATION_EXPIRED;
            case REVOKED:
                return Outcome.INVITATION_REVOKED;
            default:
                break;
        }
        if (!consent) {
            return Outcome.CONSENT_MISSING;
        }
        if (acceptedNoticeVersion != currentNoticeVersion) {
            return Outcome.NOTICE_OUTDATED;
        }
        return Outcome.ACCEPTED;
    }
}
