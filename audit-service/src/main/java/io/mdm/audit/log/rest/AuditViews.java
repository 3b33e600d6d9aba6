package io.mdm.audit.log.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.audit.log.AuditTimestamp;
import io.mdm.audit.log.Checkpoint;
import io.mdm.audit.log.store.StoredRecord;
import io.mdm.audit.log.store.Verification;

import java.util.Base64;
import java.util.List;

/**
 * The answers of {@code /api/v1/audit}. Times are the exact text the log hashes and signs
 * (RFC 3339, UTC, milliseconds), hashes and keys standard base64, so that a client can check
 * everything without our code (API.md, "Audit log formats").
 */
public final class AuditViews {

    private AuditViews() {
    }

    /**
     * One record; {@code hash} is the leaf hash stored with it, {@code subjectEmployeeId} is left
     * out when the record is about no one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordView(long seq, String time, String type, String actor, String subjectEmployeeId,
                             JsonNode data, String hash) {

        static RecordView of(StoredRecord stored) {
            return new RecordView(stored.seq(), AuditTimestamp.format(stored.record().time()), stored.record().type(),
                    stored.record().actor(), stored.record().subjectEmployeeId(), stored.record().data(),
                    stored.storedHashBase64());
        }
    }

    /**
     * A page of records in seq order.
     *
     * @param nextCursor the {@code afterSeq} of the next page (the last item's seq); null on the last page
     */
    public record RecordPage(List<RecordView> items, String nextCursor) {
    }

    /** See {@link Verification}; {@code firstInvalidSeq} and {@code problem} only when not valid. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerificationView(boolean valid, long size, String rootHash, Long firstInvalidSeq, String problem) {

        static VerificationView of(Verification verification) {
            return new VerificationView(verification.valid(), verification.size(), base64(verification.rootHash()),
                    verification.firstInvalidSeq(), verification.problem());
        }
    }

    /** A signed checkpoint; {@code body} is the exact signed text. */
    public record CheckpointView(String origin, long treeSize, String rootHash, String time, String keyId,
                                 String signature, String body) {

        static CheckpointView of(Checkpoint checkpoint) {
            return new CheckpointView(checkpoint.origin(), checkpoint.treeSize(), checkpoint.rootHashBase64(),
                    AuditTimestamp.format(checkpoint.time()), checkpoint.keyId(), checkpoint.signatureBase64(),
                    checkpoint.body());
        }
    }

    /** The checkpoint key: {@code publicKey} is the raw 32-byte Ed25519 key in base64. */
    public record PublicKeyView(String keyId, String algorithm, String publicKey) {
    }

    /** RFC 6962 audit path of leaf {@code leafIndex} in the tree of {@code treeSize} leaves. */
    public record InclusionProofView(long treeSize, long leafIndex, List<String> hashes) {
    }

    /** RFC 6962 consistency proof from the first {@code first} leaves to the tree of {@code treeSize} leaves. */
    public record ConsistencyProofView(long treeSize, List<String> hashes) {
    }

    static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(AuditViews::base64).toList();
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
