package io.mdm.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log; {@code seq} is its leaf index, starting at 0.
 *
 * <p>Its canonical bytes are the RFC 8785 form of
 * {@code {seq, time, type, actor, subjectEmployeeId, data}} with a missing subject left out
 * (not written as null) and the time as {@link AuditTimestamp} text, so anyone can recompute
 * {@link #leafHash()} without our code. The constructor truncates {@code time} to milliseconds,
 * which is what storage keeps, so a stored and reloaded record hashes the same.
 *
 * @param subjectEmployeeId the employee the record is about, or null
 * @param data              a JSON object, possibly empty; the record holds its own copy, so
 *                          changing the node afterwards cannot change the record's hash
 */
public record AuditRecord(long seq, Instant time, String type, String actor, String subjectEmployeeId, JsonNode data) {

    public AuditRecord {
        if (seq < 0) {
            throw new IllegalArgumentException("negative seq " + seq);
        }
        time = AuditTimestamp.truncate(time);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("data must be a JSON object");
        }
        data = data.deepCopy();
    }

    /** A copy of the record's data. */
    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    /** The RFC 8785 (JCS) UTF-8 bytes of the record. */
    public byte[] canonicalBytes() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("seq", seq);
        record.put("time", AuditTimestamp.format(time));
        record.put("type", type);
        record.put("actor", actor);
        if (subjectEmployeeId != null) {
            record.put("subjectEmployeeId", subjectEmployeeId);
        }
        record.set("data", data);
        return CanonicalJson.serialize(record);
    }

    /** {@code SHA-256(0x00 || canonicalBytes())}, the record's leaf in the log's Merkle tree. */
    public byte[] leafHash() {
        return MerkleTree.leafHash(canonicalBytes());
    }
}
