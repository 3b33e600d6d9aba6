package io.mdm.audit.log.store;

import io.mdm.audit.log.Checkpoint;
import io.mdm.audit.log.CheckpointVerifier;
import io.mdm.audit.log.MerkleFrontier;
import org.bson.Document;

import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;

/**
 * Recomputes the log from storage and checks it: every record below the head is present, in
 * seq order, and hashes (from its canonical bytes, not its stored hash) to the leaf stored with
 * it; the root of the first {@code treeSize} records equals every checkpoint's root, and every
 * checkpoint signed with the current key carries a valid signature; the root of all of them
 * equals the head's root and frontier. O(n) in the size of the log.
 */
public final class LogVerifier {

    private final AuditLogStore store;
    private final CheckpointStore checkpoints;

    public LogVerifier(AuditLogStore store, CheckpointStore checkpoints) {
        this.store = store;
        this.checkpoints = checkpoints;
    }

    /**
     * @param publicKeyRaw the raw Ed25519 key whose checkpoints must verify; checkpoints of
     *                     another key (an earlier key, after a rotation) are checked by root only
     * @param keyId        its key ID
     */
    public Verification verify(byte[] publicKeyRaw, String keyId) {
        LogHead head = store.head();
        Iterator<Checkpoint> signed = checkpoints.all().iterator();
        Checkpoint nextCheckpoint = signed.hasNext() ? signed.next() : null;
        long anchored = 0;
        MerkleFrontier frontier = MerkleFrontier.empty();
        while (nextCheckpoint != null && nextCheckpoint.treeSize() == 0) {
            String problem = checkpointProblem(nextCheckpoint, frontier, publicKeyRaw, keyId);
            if (problem != null) {
                return Verification.invalid(head, 0, problem);
            }
            nextCheckpoint = signed.hasNext() ? signed.next() : null;
        }
        for (Document doc : store.documentsBelow(head.size())) {
            long expected = frontier.size();
            StoredRecord stored;
            try {
                if (RecordDocuments.seqOf(doc) != expected) {
                    return Verification.invalid(head, expected, "audit record " + expected + " is missing");
                }
                stored = RecordDocuments.toStoredRecord(doc);
            } catch (IllegalArgumentException e) {
                return Verification.invalid(head, expected, "audit record " + expected + " cannot be read: " + e.getMessage());
            }
            byte[] leaf = stored.record().leafHash();
            if (!MessageDigest.isEqual(leaf, stored.storedHash())) {
                return Verification.invalid(head, expected,
                        "audit record " + expected + " does not hash to the leaf stored with it");
            }
            frontier = frontier.append(leaf);
            while (nextCheckpoint != null && nextCheckpoint.treeSize() == frontier.size()) {
                String problem = checkpointProblem(nextCheckpoint, frontier, publicKeyRaw, keyId);
                if (problem != null) {
                    return Verification.invalid(head, anchored, problem);
                }
                anchored = frontier.size();
                nextCheckpoint = signed.hasNext() ? signed.next() : null;
            }
        }
        if (frontier.size() < head.size()) {
            return Verification.invalid(head, frontier.size(), "audit record " + frontier.size() + " is missing");
        }
        if (nextCheckpoint != null) {
            return Verification.invalid(head, anchored, "checkpoint of tree size " + nextCheckpoint.treeSize()
                    + " lies beyond the head (size " + head.size() + ")");
        }
        if (!MessageDigest.isEqual(frontier.rootHash(), head.rootHash()) || !sameHashes(frontier, head.frontier())) {
            return Verification.invalid(head, anchored, "the head's root or frontier differs from the records'");
        }
        return Verification.valid(head.size(), frontier.rootHash());
    }

    private static String checkpointProblem(Checkpoint checkpoint, MerkleFrontier frontier, byte[] publicKeyRaw,
                                            String keyId) {
        if (!MessageDigest.isEqual(checkpoint.rootHash(), frontier.rootHash())) {
            return "the root of the first " + checkpoint.treeSize() + " records differs from the signed checkpoint's";
        }
        if (checkpoint.keyId().equals(keyId) && !CheckpointVerifier.verify(checkpoint, publicKeyRaw)) {
            return "the checkpoint of tree size " + checkpoint.treeSize() + " has no valid signature";
        }
        return null;
    }

    private static boolean sameHashes(MerkleFrontier a, MerkleFrontier b) {
        List<byte[]> left = a.hashes();
        List<byte[]> right = b.hashes();
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!MessageDigest.isEqual(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }
}
