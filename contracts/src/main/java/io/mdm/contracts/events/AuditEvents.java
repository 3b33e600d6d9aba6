package io.mdm.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payloads of topic {@code mdm.audit.v1} (the audit log, in sequence order, and its signed
 * checkpoints) and of {@code mdm.notifications.v1}.
 *
 * <p>Times inside the audit payloads are the exact RFC 3339 text the log hashes and signs
 * ({@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}), not re-formatted instants, so that a consumer can
 * recompute a record's hash and check a checkpoint's body from the event alone.
 */
public final class AuditEvents {

    private AuditEvents() {
    }

    /**
     * {@code mdm.audit.record}: one appended audit record. Its canonical bytes are the RFC 8785
     * form of this object without {@code hash}; {@code hash} is base64 of
     * {@code SHA-256(0x00 || canonical bytes)}, the record's leaf in the log's Merkle tree.
     *
     * @param seq               the record's leaf index, from 0, without gaps
     * @param type              the original type, e.g. {@code mdm.access.approved} or {@code mdm.device.enrolled}
     * @param subjectEmployeeId left out (not null) when the record is about no one
     * @param data              a JSON object; it may hold the reasons and comments of access decisions,
     *                          which is what the audit log is for, but never message content or a secret
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditRecordPublished(long seq, String time, String type, String actor, String subjectEmployeeId,
                                       Map<String, Object> data, String hash) {
        public AuditRecordPublished {
            // A JSON object may hold nulls, which Map.copyOf refuses.
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }
    }

    /**
     * {@code mdm.audit.checkpoint}: a signed tree head. {@code body} is the exact signed UTF-8 text
     * {@code <origin>\n<treeSize>\n<rootHash>\n<time>\n}; {@code signature} is base64 of its
     * Ed25519 signature with the key of {@code GET /api/v1/audit/public-key}. It is published
     * after every record it covers.
     */
    public record CheckpointPublished(String origin, long treeSize, String rootHash, String time, String keyId,
                                      String signature, String body) {
    }

    /**
     * {@code mdm.notification.data-accessed} on {@code mdm.notifications.v1}: an approved access
     * to the employee's backup, to be shown to them from {@code notBefore} on. It carries no
     * reason or comment; the employee reads those in their access log.
     */
    public record DataAccessed(String employeeId, String requestId, Instant notBefore) {
    }
}
