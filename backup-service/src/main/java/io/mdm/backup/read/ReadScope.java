package io.mdm.backup.read;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one read asks for: one employee's messages sent in [from, to), optionally of one
 * conversation. The same scope is put before the audit-service and used for the query, so
 * nothing outside what was authorized is ever loaded.
 */
public record ReadScope(String employeeId, Instant from, Instant to, Optional<String> conversationId) {

    public ReadScope {
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(conversationId, "conversationId");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
