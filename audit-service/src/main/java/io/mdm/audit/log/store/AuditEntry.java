package io.mdm.audit.log.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.audit.log.CanonicalJson;

/**
 * What a caller asks the audit log to append; the log adds {@code seq} and {@code time}.
 *
 * <p>The constructor refuses what could never become a record (blank type or actor, data that
 * is not a JSON object or that RFC 8785 cannot represent), so that one bad entry never fails
 * the batch of appends it would have joined.
 *
 * @param subjectEmployeeId the employee the record is about, or null
 * @param data              a JSON object; the entry keeps its own copy
 * @param sourceId          makes the append idempotent: a second entry with the same source id
 *                          is not appended again, the first one's record is answered instead
 *                          (a CloudEvents id, an access request's version); null when the
 *                          caller has no such id
 */
public record AuditEntry(String type, String actor, String subjectEmployeeId, JsonNode data, String sourceId) {

    public AuditEntry {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an audit record needs a type");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an audit record needs an actor");
        }
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("audit data must be a JSON object");
        }
        data = data.deepCopy();
        CanonicalJson.serialize(data);
        if (sourceId != null && sourceId.isBlank()) {
            throw new IllegalArgumentException("a source id must not be blank");
        }
    }

    /** An entry without a source id: appended every time it is given. */
    public AuditEntry(String type, String actor, String subjectEmployeeId, JsonNode data) {
        this(type, actor, subjectEmployeeId, data, null);
    }

    @Override
    public JsonNode data() {
        return data.deepCopy();
    }
}
