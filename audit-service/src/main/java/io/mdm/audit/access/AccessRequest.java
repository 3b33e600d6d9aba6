package io.mdm.audit.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compliance officer's request to read one employee's business backup, and the four-eyes
 * decision on it. Immutable: every transition returns a new request whose {@code version} is
 * one higher, which the storage adapter uses for optimistic concurrency (update only where the
 * stored version is still the one it read).
 *
 * <p>The four-eyes rule (PRODUCT.md, principle 2): only a compliance officer files, only a
 * privacy officer decides, the decider is never the requester (same user name, or same employee
 * id when both have one) and never the subject, and the subject never files. Identifiers are
 * compared ignoring case for these refusals, so a second spelling of an account cannot slip by.
 *
 * <p>Life cycle: {@code PENDING -> APPROVED | REJECTED | EXPIRED | REVOKED},
 * {@code APPROVED -> REVOKED}. A PENDING request may be withdrawn by its requester (it becomes
 * REVOKED without ever having had a grant); privacy officers end a pending request by rejecting
 * it. Requests are never deleted.
 *
 * @param id                    request id
 * @param version               0 when filed, +1 per transition
 * @param subjectEmployeeId     whose backup is to be read
 * @param scope                 time range and optional conversations
 * @param legalBasis            the legal ground
 * @param reason                why (stripped of surrounding white space)
 * @param caseReference         optional case reference, {@code null} when none
 * @param requestedHours        validity of the grant once approved
 * @param maxReads              read budget of the grant
 * @param requestedBy           the requester's user name
 * @param requestedByEmployeeId the requester's employee id, {@code null} when the account has none
 * @param createdAt             when it was filed
 * @param decideBefore          the instant from which it can no longer be decided (it expires)
 * @param status                where it stands
 * @param approvals             approvals so far, in order
 * @param rejection             the rejection, {@code null} unless REJECTED
 * @param revocation            the revocation or withdrawal, {@code null} unless REVOKED
 * @param grant                 the grant, present once APPROVED (and kept, revoked, when REVOKED)
 */
public record AccessRequest(
        String id,
        long version,
        String subjectEmployeeId,
        AccessScope scope,
        LegalBasis legalBasis,
        String reason,
        String caseReference,
        int requestedHours,
        int maxReads,
        String requestedBy,
        String requestedByEmployeeId,
        Instant createdAt,
        Instant decideBefore,
        AccessRequestStatus status,
        List<Approval> approvals,
        Rejection rejection,
        Revocation revocation,
        Grant grant) {

    static final int REASON_MIN = 20;
    static final int TEXT_MAX = 2000;
    static final int REQUESTED_HOURS_MAX = 168;
    static final int MAX_READS_MAX = 100;
    static final int EMPLOYEE_ID_MAX = 64;
    static final int CASE_REFERENCE_MAX = 200;
    static final int CONVERSATIONS_MAX = 100;
    static final int CONVERSATION_ID_MAX = 200;
    private static final Pattern EMPLOYEE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    public AccessRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subjectEmployeeId, "subjectEmployeeId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(decideBefore, "decideBefore");
        Objects.requireNonNull(status, "status");
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        // A stored request that breaks these would let a read through without its decision.
        if ((status == AccessRequestStatus.APPROVED) != (grant != null && !grant.isRevoked())) {
            throw new IllegalArgumentException("an APPROVED request, and only it, has a live grant");
        }
        if ((status == AccessRequestStatus.REJECTED) != (rejection != null)) {
            throw new IllegalArgumentException("a REJECTED request, and only it, has a rejection");
        }
        if ((status == AccessRequestStatus.REVOKED) != (revocation != null)) {
            throw new IllegalArgumentException("a REVOKED request, and only it, has a revocation");
        }
    }

    /**
     * Files a new request ({@code POST /access-requests}).
     *
     * @throws AccessRuleViolation FORBIDDEN when the caller is not a compliance officer or is the
     *                             subject; INVALID with one violation per bad field
     */
    public static AccessRequest file(String id, Caller caller, NewAccessRequest input, AccessRules rules,
                                     Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(now, "now");
        if (!caller.isComplianceOfficer()) {
            throw AccessRuleViolation.forbidden(
                    "Only a compliance officer may request access to an employee's backup.");
        }
        if (caller.isEmployee(input.subjectEmployeeId())) {
            throw AccessRuleViolation.forbidden(
                    "Four-eyes rule: no one may request access to their own data.");
        }
        FieldChecks checks = new FieldChecks();
        checkSubjectEmployeeId(checks, input.subjectEmployeeId());
        checkScope(checks, input.scope());
        checks.require("legalBasis", input.legalBasis());
        String reason = checks.requiredText("reason", input.reason(), REASON_MIN, TEXT_MAX);
        String caseReference = checks.optionalText("caseReference", input.caseReference(), CASE_REFERENCE_MAX);
        Integer requestedHours = checks.requiredRange("requestedHours", input.requestedHours(), 1, REQUESTED_HOURS_MAX);
        Integer maxReads = checks.requiredRange("maxReads", input.maxReads(), 1, MAX_READS_MAX);
        checks.throwIfAny();
        return new AccessRequest(id, 0, input.subjectEmployeeId(), input.scope(), input.legalBasis(), reason,
                caseReference, requestedHours, maxReads, caller.username(), caller.employeeId(), now,
                now.plus(rules.decideWithin()), AccessRequestStatus.PENDING, List.of(), null, null, null);
    }

    /**
     * Records one privacy officer's approval. Once {@link AccessRules#requiredApprovers()} distinct
     * officers approved, the request becomes APPROVED and gets its {@link Grant}: valid from
     * {@code now} for {@link #requestedHours()}, and visible to the subject after the LONGEST delay
     * any approver asked for, because each approver's delay is a reason not to tell yet.
     *
     * @param notifySubjectAfterDays days to delay the subject's notice; {@code null} means 0
     * @param delayReason            required (non-blank) when the delay is above 0
     * @param grantId                id of the grant, used only when this approval completes the request
     * @throws AccessRuleViolation FORBIDDEN (role, four-eyes), INVALID (comment, delay out of range),
     *                             CONFLICT (not PENDING, past {@code decideBefore}, same approver
     *                             twice), UNPROCESSABLE (a delay without a reason)
     */
    public AccessRequest approve(Caller caller, String comment, Integer notifySubjectAfterDays, String delayReason,
                                 String grantId, AccessRules rules, Instant now) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(now, "now");
        if (!caller.isPrivacyOfficer()) {
            throw AccessRuleViolation.forbidden("Only a privacy officer may approve an access request.");
        }
        refuseDeciderWhoIsInvolved(caller);
        FieldChecks checks = new FieldChecks();
        String checkedComment = checks.requiredText("comment", comment, 1, TEXT_MAX);
        int delayDays = notifySubjectAfterDays == null ? 0 : notifySubjectAfterDays;
        checks.checkRange("notifySubjectAfterDays", delayDays, 0, rules.maxNotificationDelayDays());
        String checkedDelayReason = checks.optionalText("delayReason", delayReason, TEXT_MAX);
        checks.throwIfAny();
        requireUndecided(now);
        boolean approvedBefore = approvals.stream()
                .anyMatch(a -> caller.isSamePersonAs(a.approver(), a.approverEmployeeId()));
        if (approvedBefore) {
            throw AccessRuleViolation.conflict(
                    "You have already approved this request; another privacy officer must approve it.");
        }
        if (delayDays > 0 && checkedDelayReason == null) {
            throw AccessRuleViolation.unprocessable(
                    "Delaying the employee's notification needs a reason (delayReason).");
        }
        List<Approval> newApprovals = new ArrayList<>(approvals);
        newApprovals.add(new Approval(caller.username(), caller.employeeId(), checkedComment, now, delayDays,
                delayDays > 0 ? checkedDelayReason : null));
        if (newApprovals.size() < rules.requiredApprovers()) {
            return next(AccessRequestStatus.PENDING, newApprovals, null, null, null);
        }
        int longestDelay = newApprovals.stream().mapToInt(Approval::notifySubjectAfterDays).max().orElse(0);
        Grant newGrant = new Grant(grantId, id, requestedBy, subjectEmployeeId, scope, now,
                now.plus(Duration.ofHours(requestedHours)), maxReads, 0, now.plus(Duration.ofDays(longestDelay)), null);
        return next(AccessRequestStatus.APPROVED, newApprovals, null, null, newGrant);
    }

    /**
     * Rejects the request; one rejection is enough, whatever approvals it already has.
     *
     * @throws AccessRuleViolation FORBIDDEN (role, four-eyes), INVALID (comment),
     *                             CONFLICT (not PENDING or past {@code decideBefore})
     */
    public AccessRequest reject(Caller caller, String comment, Instant now) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(now, "now");
        if (!caller.isPrivacyOfficer()) {
            throw AccessRuleViolation.forbidden("Only a privacy officer may reject an access request.");
        }
        refuseDeciderWhoIsInvolved(caller);
        FieldChecks checks = new FieldChecks();
        String checkedComment = checks.requiredText("comment", comment, 1, TEXT_MAX);
        checks.throwIfAny();
        requireUndecided(now);
        return next(AccessRequestStatus.REJECTED, approvals,
                new Rejection(caller.username(), caller.employeeId(), checkedComment, now), null, null);
    }

    /**
     * Revokes an APPROVED request, which stops its grant from {@code now} on; or lets the requester
     * withdraw a PENDING request. The requester or any privacy officer may revoke, except the subject:
     * letting the person under investigation end the investigator's access would defeat the rule.
     * A pending request is ended by a privacy officer through {@link #reject}, which records a decision.
     *
     * @throws AccessRuleViolation FORBIDDEN (neither requester nor privacy officer, or the subject),
     *                             INVALID (comment), CONFLICT (already ended, expired, or a privacy
     *                             officer other than the requester on a pending request)
     */
    public AccessRequest revoke(Caller caller, String comment, Instant now) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(now, "now");
        boolean isRequester = caller.username().equals(requestedBy);
        if (!isRequester && !caller.isPrivacyOfficer()) {
            throw AccessRuleViolation.forbidden(
                    "Only the requester or a privacy officer may revoke an access request.");
        }
        if (caller.isEmployee(subjectEmployeeId)) {
            throw AccessRuleViolation.forbidden(
                    "Four-eyes rule: no one may revoke or withdraw a request about themselves.");
        }
        FieldChecks checks = new FieldChecks();
        String checkedComment = checks.requiredText("comment", comment, 1, TEXT_MAX);
        checks.throwIfAny();
        Revocation newRevocation = new Revocation(caller.username(), checkedComment, now);
        if (status == AccessRequestStatus.APPROVED) {
            return next(AccessRequestStatus.REVOKED, approvals, null, newRevocation, grant.revoked(now));
        }
        if (status == AccessRequestStatus.PENDING) {
            requireUndecided(now);
            if (!isRequester) {
                throw AccessRuleViolation.conflict(
                        "A pending request is ended by rejecting it; only its requester may withdraw it.");
            }
            return next(AccessRequestStatus.REVOKED, approvals, null, newRevocation, null);
        }
        throw AccessRuleViolation.conflict("The request is already " + status + " and cannot be revoked.");
    }

    /**
     * Marks a PENDING request whose decision deadline has come as EXPIRED.
     *
     * @return the expired request, or this same instance (same version) when nothing changes, so the
     *         adapter stores only real changes
     */
    public AccessRequest expireIfUndecided(Instant now) {
        Objects.requireNonNull(now, "now");
        if (status != AccessRequestStatus.PENDING || now.isBefore(decideBefore)) {
            return this;
        }
        return next(AccessRequestStatus.EXPIRED, approvals, null, null, null);
    }

    /**
     * Whether {@code caller} may see this request: privacy officers see all requests, compliance
     * officers their own. The subject never sees it here, whatever their roles: an ongoing
     * investigation may delay the notice, and the subject learns of it through their access log.
     */
    public boolean visibleTo(Caller caller) {
        if (caller.isEmployee(subjectEmployeeId)) {
            return false;
        }
        return caller.isPrivacyOfficer()
                || (caller.isComplianceOfficer() && caller.username().equals(requestedBy));
    }

    private void refuseDeciderWhoIsInvolved(Caller caller) {
        if (caller.isSamePersonAs(requestedBy, requestedByEmployeeId)) {
            throw AccessRuleViolation.forbidden(
                    "Four-eyes rule: a request must be decided by someone other than its requester.");
        }
        if (caller.isEmployee(subjectEmployeeId)) {
            throw AccessRuleViolation.forbidden("Four-eyes rule: no one may decide a request about themselves.");
        }
    }

    /** A request whose deadline passed is expired even before {@link #expireIfUndecided} has stored it. */
    private void requireUndecided(Instant now) {
        if (status != AccessRequestStatus.PENDING) {
            throw AccessRuleViolation.conflict("The request is already decided (" + status + ").");
        }
        if (!now.isBefore(decideBefore)) {
            throw AccessRuleViolation.conflict(
                    "The request has expired: it was not decided before " + decideBefore + ".");
        }
    }

    private AccessRequest next(AccessRequestStatus newStatus, List<Approval> newApprovals, Rejection newRejection,
                               Revocation newRevocation, Grant newGrant) {
        return new AccessRequest(id, version + 1, subjectEmployeeId, scope, legalBasis, reason, caseReference,
                requestedHours, maxReads, requestedBy, requestedByEmployeeId, createdAt, decideBefore, newStatus,
                newApprovals, newRejection, newRevocation, newGrant);
    }

    private static void checkSubjectEmployeeId(FieldChecks checks, String subjectEmployeeId) {
        String field = "subjectEmployeeId";
        if (subjectEmployeeId == null || subjectEmployeeId.isBlank()) {
            checks.add(field, FieldViolation.REQUIRED, "must not be blank");
        } else if (subjectEmployeeId.length() > EMPLOYEE_ID_MAX) {
            checks.add(field, FieldViolation.LENGTH, "must be at most " + EMPLOYEE_ID_MAX + " characters");
        } else if (!EMPLOYEE_ID.matcher(subjectEmployeeId).matches()) {
            checks.add(field, FieldViolation.PATTERN, "may contain only letters, digits, '.', '_' and '-'");
        }
    }

    private static void checkScope(FieldChecks checks, AccessScope scope) {
        if (!checks.require("scope", scope)) {
            return;
        }
        boolean hasFrom = checks.require("scope.from", scope.from());
        boolean hasTo = checks.require("scope.to", scope.to());
        if (hasFrom && hasTo && !scope.from().isBefore(scope.to())) {
            checks.add("scope.to", FieldViolation.AFTER_FROM, "must be after scope.from");
        }
        Set<String> conversationIds = scope.conversationIds();
        if (conversationIds.size() > CONVERSATIONS_MAX) {
            checks.add("scope.conversationIds", FieldViolation.COUNT,
                    "must list at most " + CONVERSATIONS_MAX + " conversations");
        } else if (conversationIds.stream()
                .anyMatch(c -> c == null || c.isBlank() || c.length() > CONVERSATION_ID_MAX)) {
            checks.add("scope.conversationIds", FieldViolation.LENGTH,
                    "each conversation id must be between 1 and " + CONVERSATION_ID_MAX + " characters and not blank");
        }
    }
}
