package io.mdm.audit.log.rest;

import io.mdm.audit.log.CheckpointSigner;
import io.mdm.audit.log.MerkleTree;
import io.mdm.audit.log.store.AuditLogStore;
import io.mdm.audit.log.store.CheckpointStore;
import io.mdm.audit.log.store.LogHead;
import io.mdm.audit.log.store.LogIntegrityException;
import io.mdm.audit.log.store.LogVerifier;
import io.mdm.audit.log.store.StoredRecord;
import io.mdm.platform.problem.ProblemException;
import io.mdm.platform.problem.ProblemType;
import io.mdm.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.function.Supplier;

/**
 * The audit log for security analysts: its records, a full verification from storage, the
 * latest signed checkpoint and its key, and RFC 6962 proofs. Proofs read the leaf hashes of the
 * whole tree they prove about from storage, O(treeSize) per call, which this log's size allows.
 * A tree size beyond the log is 404 (it does not exist yet); a bad or inconsistent parameter
 * is 400; storage that no longer holds the log its head describes is 409 (see /verify).
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SECURITY_ANALYST)
public class AuditLogResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final int TYPE_MAX = 200;
    private static final int EMPLOYEE_ID_MAX = 64;

    private final AuditLogStore store;
    private final CheckpointStore checkpoints;
    private final LogVerifier verifier;
    private final CheckpointSigner signer;

    public AuditLogResource(AuditLogStore store, CheckpointStore checkpoints, LogVerifier verifier,
                            CheckpointSigner signer) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.verifier = verifier;
        this.signer = signer;
    }

    /** Records with {@code seq > afterSeq} in seq order, optionally of one type and about one employee. */
    @GET
    @Path("/records")
    public AuditViews.RecordPage records(@QueryParam("afterSeq") String afterSeq, @QueryParam("limit") String limit,
                                         @QueryParam("type") String type,
                                         @QueryParam("subjectEmployeeId") String subjectEmployeeId) {
        QueryParameters parameters = new QueryParameters();
        long after = parameters.number("afterSeq", afterSeq, 0, Long.MAX_VALUE - 1, -1L);
        int pageSize = parameters.number("limit", limit, 1, MAX_LIMIT, (long) DEFAULT_LIMIT).intValue();
        String wantedType = parameters.text("type", type, TYPE_MAX);
        String subject = parameters.text("subjectEmployeeId", subjectEmployeeId, EMPLOYEE_ID_MAX);
        parameters.throwIfAny();
        LogHead head = store.head();
        // One more than asked tells whether a next page exists.
        List<StoredRecord> found = intact(() -> store.page(after, head.size(), wantedType, subject, pageSize + 1));
        List<StoredRecord> items = found.subList(0, Math.min(pageSize, found.size()));
        String next = found.size() > pageSize ? Long.toString(items.getLast().seq()) : null;
        return new AuditViews.RecordPage(items.stream().map(AuditViews.RecordView::of).toList(), next);
    }

    /** Recomputes the whole log from storage and checks it against its head and every checkpoint. */
    @GET
    @Path("/verify")
    public AuditViews.VerificationView verify() {
        return AuditViews.VerificationView.of(verifier.verify(signer.publicKeyRaw(), signer.keyId()));
    }

    @GET
    @Path("/checkpoints/latest")
    public AuditViews.CheckpointView latestCheckpoint() {
        return checkpoints.latest().map(AuditViews.CheckpointView::of)
                .orElseThrow(() -> ProblemException.notFound("A checkpoint (the log has none yet)"));
    }

    @GET
    @Path("/public-key")
    public AuditViews.PublicKeyView publicKey() {
        return new AuditViews.PublicKeyView(signer.keyId(), "Ed25519", AuditViews.base64(signer.publicKeyRaw()));
    }

    /** The audit path of record {@code seq} in the tree of the first {@code treeSize} records. */
    @GET
    @Path("/proofs/inclusion")
    public AuditViews.InclusionProofView inclusionProof(@QueryParam("seq") String seq,
                                                        @QueryParam("treeSize") String treeSize) {
        QueryParameters parameters = new QueryParameters();
        Long leaf = parameters.number("seq", seq, 0, Integer.MAX_VALUE - 1, null);
        Long size = parameters.number("treeSize", treeSize, 1, Integer.MAX_VALUE, null);
        if (!parameters.hasViolations() && leaf >= size) {
            parameters.violation("seq", "range", "must be below treeSize");
        }
        parameters.throwIfAny();
        requireInLog(size);
        List<byte[]> proof = intact(() -> MerkleTree.inclusionProof(leaf.intValue(), store.leafHashes(size)));
        return new AuditViews.InclusionProofView(size, leaf, AuditViews.base64(proof));
    }

    /** The proof that the tree of the first {@code second} records extends that of the first {@code first}. */
    @GET
    @Path("/proofs/consistency")
    public AuditViews.ConsistencyProofView consistencyProof(@QueryParam("first") String first,
                                                            @QueryParam("second") String second) {
        QueryParameters parameters = new QueryParameters();
        Long from = parameters.number("first", first, 0, Integer.MAX_VALUE, null);
        Long to = parameters.number("second", second, 1, Integer.MAX_VALUE, null);
        if (!parameters.hasViolations() && from > to) {
            parameters.violation("first", "range", "must not be above second");
        }
        parameters.throwIfAny();
        requireInLog(to);
        List<byte[]> proof = intact(() -> MerkleTree.consistencyProof(from.intValue(), store.leafHashes(to)));
        return new AuditViews.ConsistencyProofView(to, AuditViews.base64(proof));
    }

    private void requireInLog(long treeSize) {
        long size = store.head().size();
        if (treeSize > size) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "The log has " + size + " records; there is no tree of size " + treeSize + " yet.");
        }
    }

    private static <T> T intact(Supplier<T> read) {
        try {
            return read.get();
        } catch (LogIntegrityException e) {
            throw ProblemException.conflict("The stored log is broken at seq " + e.seq()
                    + "; GET /api/v1/audit/verify tells more.");
        }
    }
}
