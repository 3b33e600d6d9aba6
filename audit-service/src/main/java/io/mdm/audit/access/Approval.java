package io.mdm.audit.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One privacy officer's approval of an access request.
 *
 * @param approver               the approver's user name
 * @param approverEmployeeId     the approver's employee id, {@code null} when the account has none
 * @param comment                the approver's justification
 * @param at                     when the approval was given
 * @param notifySubjectAfterDays how many days this approver asked to delay the subject's notice
 * @param delayReason            why the notice is delayed; {@code null} when it is not
 */
public record Approval(
        String approver,
        String approverEmployeeId,
        String comment,
        Instant at,
        int notifySubjectAfterDays,
        String delayReason) {

    public Approval {
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
    }
}
