package io.mdm.audit.log.store;

import io.mdm.audit.log.MerkleFrontier;

import java.time.Instant;
import java.util.Objects;

/**
 * The committed end of the log: the records with {@code seq < size()} are the log; a record
 * stored beyond it belongs to an append that has not moved the head yet (see
 * {@link AuditLogStore}).
 *
 * @param frontier  the Merkle frontier of the first {@code size} records
 * @param rootHash  the root stored with the head; the store writes {@code frontier.rootHash()},
 *                  and {@link LogVerifier} compares it with the root recomputed from the records
 * @param updatedAt when the head last moved; null for the empty log that never moved
 */
public record LogHead(MerkleFrontier frontier, byte[] rootHash, Instant updatedAt) {

    public LogHead {
        Objects.requireNonNull(frontier, "frontier");
        rootHash = Objects.requireNonNull(rootHash, "rootHash").clone();
    }

    static LogHead empty() {
        MerkleFrontier empty = MerkleFrontier.empty();
        return new LogHead(empty, empty.rootHash(), null);
    }

    public long size() {
        return frontier.size();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }
}
