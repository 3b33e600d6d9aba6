package io.mdm.audit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.function.Executable;

/** The people and the request of the product story (PRODUCT.md), at a fixed instant. */
final class AccessFixtures {

    static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
    static final String SUBJECT = "E1001";
    static final String REQUEST_ID = "req-1";
    static final String GRANT_ID = "grant-1";
    static final AccessRules RULES = AccessRules.defaults();
    static final String COMMENT = "Proportionate to the inspection.";

    static final Caller CAROL = new Caller("carol", "E2001", Set.of(Caller.COMPLIANCE_OFFICER));
    static final Caller CORA = new Caller("cora", "E2003", Set.of(Caller.COMPLIANCE_OFFICER));
    static final Caller CARLA = new Caller("carla", "E2002", Set.of(Caller.COMPLIANCE_OFFICER, Caller.PRIVACY_OFFICER));
    static final Caller PAUL = new Caller("paul", "E3001", Set.of(Caller.PRIVACY_OFFICER));
    static final Caller PIA = new Caller("pia", "E3002", Set.of(Caller.PRIVACY_OFFICER));
    /** The subject, who happens to hold the privacy-officer role. */
    static final Caller ERIN_PRIVACY_OFFICER = new Caller("erin", SUBJECT, Set.of(Caller.PRIVACY_OFFICER));
    static final Caller ERIN_EMPLOYEE = new Caller("erin", SUBJECT, Set.of("employee"));

    private AccessFixtures() {
    }

    /** The last seven days of all of erin's conversations. */
    static AccessScope lastSevenDays() {
        return AccessScope.allConversations(NOW.minus(Duration.ofDays(7)), NOW);
    }

    static Input input() {
        return new Input();
    }

    static AccessRequest filedBy(Caller requester) {
        return AccessRequest.file(REQUEST_ID, requester, input().build(), RULES, NOW);
    }

    static AccessRequest approvedByPaul() {
        return filedBy(CAROL).approve(PAUL, COMMENT, null, null, GRANT_ID, RULES, NOW.plusSeconds(60));
    }

    static AccessRuleViolation assertViolation(AccessRuleViolation.Kind kind, Executable call) {
        AccessRuleViolation violation = assertThrows(AccessRuleViolation.class, call);
        assertEquals(kind, violation.kind(), violation.getMessage());
        return violation;
    }

    static List<String> violatedFields(AccessRuleViolation violation) {
        return violation.violations().stream().map(FieldViolation::field).toList();
    }

    /** A valid POST /access-requests body whose fields the tests change one at a time. */
    static final class Input {
        String subjectEmployeeId = SUBJECT;
        AccessScope scope = lastSevenDays();
        LegalBasis legalBasis = LegalBasis.REGULATORY_INVESTIGATION;
        String reason = "Competition authority inspection of the sales team, chats of the last week.";
        String caseReference = "CA-2025-042";
        Integer requestedHours = 24;
        Integer maxReads = 5;

        Input subjectEmployeeId(String value) {
            subjectEmployeeId = value;
            return this;
        }

        Input scope(AccessScope value) {
            scope = value;
            return this;
        }

        Input legalBasis(LegalBasis value) {
            legalBasis = value;
            return this;
        }

        Input reason(String value) {
            reason = value;
            return this;
        }

        Input caseReference(String value) {
            caseReference = value;
            return this;
        }

        Input requestedHours(Integer value) {
            requestedHours = value;
            return this;
        }

        Input maxReads(Integer value) {
            maxReads = value;
            return this;
        }

        NewAccessRequest build() {
            return new NewAccessRequest(subjectEmployeeId, scope, legalBasis, reason, caseReference,
                    requestedHours, maxReads);
        }
    }
}
