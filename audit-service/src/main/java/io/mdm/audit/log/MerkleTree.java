package io.mdm.audit.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle Tree Hash, audit paths and consistency proofs of RFC 6962 section 2.1, with the
 * verification algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2, over SHA-256.
 *
 * <p>Proof generation takes the leaf hashes of the whole tree it proves about; the service keeps
 * leaf hashes in storage, and a {@link MerkleFrontier} for the running root. Verifiers answer
 * {@code false} for any malformed input (a size out of range, a proof of the wrong length, a hash
 * that is not 32 bytes, a null) instead of throwing, because their input comes from outside.
 */
public final class MerkleTree {

    /** SHA-256 output length; every leaf hash, node hash, root and proof element has it. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleTree() {
    }

    /** {@code SHA-256(0x00 || data)}, the hash of a leaf (RFC 6962 section 2.1). */
    public static byte[] leafHash(byte[] data) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF_PREFIX);
        sha256.update(data);
        return sha256.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}, the hash of an interior node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The root of the empty tree, {@code SHA-256()} of no bytes. */
    public static byte[] emptyRootHash() {
        return sha256().digest();
    }

    /** MTH(D[n]) for a tree given by its leaf hashes, in leaf order. */
    public static byte[] rootHash(List<byte[]> leafHashes) {
        requireHashes(leafHashes);
        return leafHashes.isEmpty() ? emptyRootHash() : subtreeHash(leafHashes);
    }

    /**
     * PATH(m, D[n]): the audit path of leaf {@code leafIndex}, from the leaf's sibling up to the
     * child of the root.
     *
     * @throws IllegalArgumentException if the index is not a leaf of the tree
     */
    public static List<byte[]> inclusionProof(int leafIndex, List<byte[]> leafHashesOfTree) {
        requireHashes(leafHashesOfTree);
        if (leafIndex < 0 || leafIndex >= leafHashesOfTree.size()) {
            throw new IllegalArgumentException(
                    "leaf index " + leafIndex + " outside a tree of size " + leafHashesOfTree.size());
        }
        List<byte[]> proof = new ArrayList<>();
        path(leafIndex, leafHashesOfTree, proof);
        return List.copyOf(proof);
    }

    /**
     * PROOF(m, D[n]) = SUBPROOF(m, D[n], true): the consistency proof from the tree's first
     * {@code m} leaves to the whole tree. It is empty when {@code m} is 0 or the tree size (any
     * tree extends the empty tree, and a tree extends itself).
     *
     * @throws IllegalArgumentException if {@code m} is negative or larger than the tree
     */
    public static List<byte[]> consistencyProof(int m, List<byte[]> leafHashesOfTreeN) {
        requireHashes(leafHashesOfTreeN);
        if (m < 0 || m > leafHashesOfTreeN.size()) {
            throw new IllegalArgumentException(
                    "first size " + m + " outside 0.." + leafHashesOfTreeN.size());
        }
        List<byte[]> proof = new ArrayList<>();
        if (m > 0) {
            subproof(m, leafHashesOfTreeN, true, proof);
        }
        return List.copyOf(proof);
    }

    /**
     * RFC 9162 section 2.1.3.2: whether {@code proof} shows the leaf with hash {@code leafHash}
     * at {@code index} in the tree of {@code treeSize} leaves whose root is {@code root}.
     */
    public static boolean verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root) {
        if (!isHash(leafHash) || !isHash(root) || !areHashes(proof) || index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 section 2.1.4.2: whether {@code proof} shows that the tree of {@code size2} leaves
     * with root {@code root2} extends the tree of {@code size1} leaves with root {@code root1}.
     * The RFC algorithm covers {@code 0 < size1 < size2}; outside it, equal sizes need an empty
     * proof and equal roots, and size 0 needs an empty proof and the empty tree's root as root1.
     */
    public static boolean verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (!isHash(root1) || !isHash(root2) || !areHashes(proof) || size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == 0) {
            byte[] empty = emptyRootHash();
            return proof.isEmpty() && MessageDigest.isEqual(root1, empty)
                    && (size2 > 0 || MessageDigest.isEqual(root2, empty));
        }
        if (size1 == size2) {
            return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(size1) == 1) {
            path.add(root1);
        }
        path.addAll(proof);
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
    }

    private static byte[] subtreeHash(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 1) {
            return leafHashes.get(0).clone();
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(subtreeHash(leafHashes.subList(0, k)), subtreeHash(leafHashes.subList(k, n)));
    }

    private static void path(int m, List<byte[]> leafHashes, List<byte[]> proof) {
        int n = leafHashes.size();
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, leafHashes.subList(0, k), proof);
            proof.add(subtreeHash(leafHashes.subList(k, n)));
        } else {
            path(m - k, leafHashes.subList(k, n), proof);
            proof.add(subtreeHash(leafHashes.subList(0, k)));
        }
    }

    /** SUBPROOF(m, D[n], b); b says whether D[0:m] is a subtree the verifier already has the root of. */
    private static void subproof(int m, List<byte[]> leafHashes, boolean b, List<byte[]> proof) {
        int n = leafHashes.size();
        if (m == n) {
            if (!b) {
                proof.add(subtreeHash(leafHashes));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, leafHashes.subList(0, k), b, proof);
            proof.add(subtreeHash(leafHashes.subList(k, n)));
        } else {
            subproof(m - k, leafHashes.subList(k, n), false, proof);
            proof.add(subtreeHash(leafHashes.subList(0, k)));
        }
    }

    /** The k of RFC 6962: the largest power of two smaller than n, for n > 1. */
    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static void requireHashes(List<byte[]> hashes) {
        if (!areHashes(hashes)) {
            throw new IllegalArgumentException("every leaf hash must be " + HASH_SIZE + " bytes");
        }
    }

    private static boolean areHashes(List<byte[]> hashes) {
        if (hashes == null) {
            return false;
        }
        for (byte[] hash : hashes) {
            if (!isHash(hash)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_SIZE;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
