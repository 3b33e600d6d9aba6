package io.mdm.audit.access;

/**
 * The body of {@code POST /access-requests}, as the REST adapter read it. Every field may be
 * missing here; {@link AccessRequest#file} reports what is missing or out of range.
 *
 * @param subjectEmployeeId whose backup is to be read
 * @param scope             time range and optional conversations
 * @param legalBasis        the legal ground of the read
 * @param reason            why, in words the employee will read later (20..2000 characters)
 * @param caseReference     optional reference of the case or proceeding (at most 200 characters)
 * @param requestedHours    how long the grant should stay valid once approved (1..168)
 * @param maxReads          how many reads the grant allows (1..100)
 */
public record NewAccessRequest(
        String subjectEmployeeId,
        AccessScope scope,
        LegalBasis legalBasis,
        String reason,
        String caseReference,
        Integer requestedHours,
        Integer maxReads) {
}
