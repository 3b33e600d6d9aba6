package io.mdm.audit.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a Merkle tree: the roots of its perfect subtrees, one per set bit of the
 * size, leftmost (largest) first. That is all an append needs, so the service keeps the tree's
 * root current without rehashing the log; its {@link #rootHash()} equals
 * {@link MerkleTree#rootHash} of the same leaves.
 *
 * <p>Immutable: {@link #append} answers a new frontier, so a caller can persist it together with
 * the record and keep the old one if that write fails.
 */
public final class MerkleFrontier {

    private static final MerkleFrontier EMPTY = new MerkleFrontier(0, List.of());

    private final long size;
    private final List<byte[]> subtreeRoots;

    private MerkleFrontier(long size, List<byte[]> subtreeRoots) {
        this.size = size;
        this.subtreeRoots = subtreeRoots;
    }

    /** The frontier of the empty tree. */
    public static MerkleFrontier empty() {
        return EMPTY;
    }

    /**
     * Rebuilds a frontier persisted as {@link #size()} and {@link #hashes()}.
     *
     * @throws IllegalArgumentException if the size is negative, the number of hashes is not
     *         {@code Long.bitCount(size)} or a hash is not 32 bytes
     */
    public static MerkleFrontier restore(long size, List<byte[]> hashes) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size " + size);
        }
        if (hashes == null || hashes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(size)
                    + " perfect subtrees, not " + (hashes == null ? "null" : hashes.size()));
        }
        List<byte[]> copies = new ArrayList<>(hashes.size());
        for (byte[] hash : hashes) {
            copies.add(requireHash(hash).clone());
        }
        return new MerkleFrontier(size, List.copyOf(copies));
    }

    /** The frontier after appending one leaf, given by its leaf hash. */
    public MerkleFrontier append(byte[] leafHash) {
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        List<byte[]> roots = new ArrayList<>(subtreeRoots);
        byte[] carry = requireHash(leafHash).clone();
        // Like binary increment: each trailing one bit of the size is a subtree of the new
        // leaf's height that merges with it into one twice as large.
        for (long bits = size; (bits & 1) == 1; bits >>= 1) {
            carry = MerkleTree.nodeHash(roots.remove(roots.size() - 1), carry);
        }
        roots.add(carry);
        return new MerkleFrontier(size + 1, List.copyOf(roots));
    }

    /** The number of leaves. */
    public long size() {
        return size;
    }

    /** MTH of all leaves appended so far: the subtree roots folded from the right. */
    public byte[] rootHash() {
        if (subtreeRoots.isEmpty()) {
            return MerkleTree.emptyRootHash();
        }
        byte[] root = subtreeRoots.get(subtreeRoots.size() - 1);
        for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(subtreeRoots.get(i), root);
        }
        return root.clone();
    }

    /** The perfect subtrees' roots, leftmost first, for persisting; see {@link #restore}. */
    public List<byte[]> hashes() {
        return subtreeRoots.stream().map(byte[]::clone).toList();
    }

    private static byte[] requireHash(byte[] hash) {
        if (hash == null || hash.length != MerkleTree.HASH_SIZE) {
            throw new IllegalArgumentException("a hash must be " + MerkleTree.HASH_SIZE + " bytes");
        }
        return hash;
    }
}
