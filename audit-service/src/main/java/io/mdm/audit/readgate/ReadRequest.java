package io.mdm.audit.readgate;

import io.mdm.audit.access.AccessScope;

import java.time.Instant;
import java.util.Set;

/**
 * One {@code AuthorizeRead} call, as the backup-service asks it.
 *
 * @param grantId           the grant the reader names
 * @param subjectEmployeeId the employee whose backup is to be read
 * @param from              first instant of the read, null when not given
 * @param to                first instant no longer read, null when not given
 * @param conversationId    the one conversation read, null when the read is not limited to one
 */
public record ReadRequest(String grantId, String subjectEmployeeId, Instant from, Instant to, String conversationId) {

    public AccessScope scope() {
        return new AccessScope(from, to, conversationId == null ? Set.of() : Set.of(conversationId));
    }
}
