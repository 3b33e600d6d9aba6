package io.mdm.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_SIZE = 70;

    /** Leaf inputs of the RFC 6962 test vectors (CT and transparency-dev/merkle). */
    private static final List<byte[]> VECTOR_LEAVES = hexList(
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** MTH of the first 1..8 vector leaves. */
    private static final List<byte[]> VECTOR_ROOTS = hexList(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** The eight vector leaves, then generated ones up to MAX_SIZE. */
    private static final List<byte[]> LEAVES = leaves();
    private static final List<byte[]> LEAF_HASHES = LEAVES.stream().map(MerkleTree::leafHash).toList();
    /** ROOTS.get(n) is the naive MTH of the first n leaves. */
    private static final List<byte[]> ROOTS = naiveRoots();

    @Test
    void theRfc6962VectorRootsAgreeWithTheNaiveReference() {
        for (int n = 1; n <= VECTOR_ROOTS.size(); n++) {
            assertEquals(HEX.formatHex(VECTOR_ROOTS.get(n - 1)),
                    HEX.formatHex(NaiveRfc6962.mth(VECTOR_LEAVES.subList(0, n))), "size " + n);
        }
    }

    @Test
    void rootHashReproducesTheRfc6962Vectors() {
        for (int n = 1; n <= VECTOR_ROOTS.size(); n++) {
            List<byte[]> leafHashes = VECTOR_LEAVES.subList(0, n).stream().map(MerkleTree::leafHash).toList();
            assertEquals(HEX.formatHex(VECTOR_ROOTS.get(n - 1)), HEX.formatHex(MerkleTree.rootHash(leafHashes)), "size " + n);
        }
    }

    @Test
    void emptyTreeRootIsTheSha256OfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(MerkleTree.rootHash(List.of())));
    }

    @Test
    void leafAndNodeHashesUseTheirDomainPrefixes() {
        byte[] data = "record".getBytes(StandardCharsets.UTF_8);
        byte[] other = "other".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(sha256(new byte[] {0}, data), MerkleTree.leafHash(data));
        assertArrayEquals(sha256(new byte[] {1}, data, other), MerkleTree.nodeHash(data, other));
    }

    /** Audit paths from transparency-dev/merkle proof/verify_test.go (1-based leaf numbers there). */
    @Test
    void inclusionProofsReproduceTheKnownVectors() {
        assertProof(List.of(), MerkleTree.inclusionProof(0, leafHashes(1)));
        assertProof(hexList(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                MerkleTree.inclusionProof(0, leafHashes(8)));
        assertProof(hexList(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                MerkleTree.inclusionProof(5, leafHashes(8)));
        assertProof(hexList(
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
                MerkleTree.inclusionProof(2, leafHashes(3)));
        assertProof(hexList(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                MerkleTree.inclusionProof(1, leafHashes(5)));
    }

    /** Consistency proofs from transparency-dev/merkle proof/verify_test.go. */
    @Test
    void consistencyProofsReproduceTheKnownVectors() {
        assertProof(List.of(), MerkleTree.consistencyProof(1, leafHashes(1)));
        assertProof(hexList(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                MerkleTree.consistencyProof(1, leafHashes(8)));
        assertProof(hexList(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                MerkleTree.consistencyProof(6, leafHashes(8)));
        assertProof(hexList(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                MerkleTree.consistencyProof(2, leafHashes(5)));
        assertProof(hexList(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                MerkleTree.consistencyProof(6, leafHashes(7)));
    }

    @Test
    void rootsAndProofsAgreeWithTheNaiveReferenceForEverySize() {
        for (int n = 1; n <= MAX_SIZE; n++) {
            List<byte[]> tree = leafHashes(n);
            List<byte[]> data = LEAVES.subList(0, n);
            assertArrayEquals(ROOTS.get(n), MerkleTree.rootHash(tree), "root of size " + n);
            for (int m = 0; m < n; m++) {
                assertProof(NaiveRfc6962.path(m, data), MerkleTree.inclusionProof(m, tree));
            }
            for (int m = 1; m <= n; m++) {
                assertProof(NaiveRfc6962.proof(m, data), MerkleTree.consistencyProof(m, tree));
            }
        }
    }

    @Test
    void everyInclusionProofVerifiesAndEveryTamperedOneFails() {
        for (int n = 1; n <= MAX_SIZE; n++) {
            byte[] root = ROOTS.get(n);
            for (int index = 0; index < n; index++) {
                String at = "leaf " + index + " of " + n;
                byte[] leaf = LEAF_HASHES.get(index);
                List<byte[]> proof = MerkleTree.inclusionProof(index, leafHashes(n));

                assertTrue(MerkleTree.verifyInclusion(leaf, index, n, proof, root), at);
                for (int i = 0; i < proof.size(); i++) {
                    for (int bit : new int[] {0, 7 * 8 + 3, 31 * 8 + 7}) {
                        assertFalse(MerkleTree.verifyInclusion(leaf, index, n, flipBit(proof, i, bit), root),
                                at + ", bit " + bit + " of proof[" + i + "] flipped");
                    }
                }
                assertFalse(MerkleTree.verifyInclusion(leaf, index + 1, n, proof, root), at + ", index + 1");
                assertFalse(MerkleTree.verifyInclusion(leaf, index - 1, n, proof, root), at + ", index - 1");
                assertFalse(MerkleTree.verifyInclusion(leaf, index ^ 2, n, proof, root), at + ", index ^ 2");
                assertFalse(MerkleTree.verifyInclusion(leaf, index, n, proof, flipBit(root, 0)), at + ", wrong root");
                assertFalse(MerkleTree.verifyInclusion(leaf, index, n, proof, ROOTS.get(n - 1)), at + ", previous root");
                assertFalse(MerkleTree.verifyInclusion(LEAF_HASHES.get(n), index, n, proof, root), at + ", wrong leaf");
                assertFalse(MerkleTree.verifyInclusion(leaf, index, n, append(proof, root), root), at + ", extra hash");
                if (!proof.isEmpty()) {
                    assertFalse(MerkleTree.verifyInclusion(leaf, index, n, proof.subList(0, proof.size() - 1), root),
                            at + ", last hash removed");
                    assertFalse(MerkleTree.verifyInclusion(leaf, index, n, prepend(root, proof), root),
                            at + ", hash prepended");
                }
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndEveryTamperedOneFails() {
        for (int n = 1; n <= MAX_SIZE; n++) {
            byte[] root2 = ROOTS.get(n);
            for (int m = 1; m <= n; m++) {
                String at = "from " + m + " to " + n;
                byte[] root1 = ROOTS.get(m);
                List<byte[]> proof = MerkleTree.consistencyProof(m, leafHashes(n));

                assertTrue(MerkleTree.verifyConsistency(m, n, root1, root2, proof), at);
                assertFalse(MerkleTree.verifyConsistency(m, n, flipBit(root1, 5), root2, proof), at + ", wrong root1");
                assertFalse(MerkleTree.verifyConsistency(m, n, root1, flipBit(root2, 5), proof), at + ", wrong root2");
                assertFalse(MerkleTree.verifyConsistency(m, n, root1, root2, append(proof, root1)), at + ", extra hash");
                if (m == n) {
                    continue;
                }
                assertFalse(MerkleTree.verifyConsistency(m, n, root2, root1, proof), at + ", swapped roots");
                assertFalse(MerkleTree.verifyConsistency(n, m, root2, root1, proof), at + ", swapped sizes and roots");
                assertFalse(MerkleTree.verifyConsistency(m, n, root1, root2, List.of()), at + ", empty proof");
                assertFalse(MerkleTree.verifyConsistency(m, n, root1, root2, proof.subList(0, proof.size() - 1)),
                        at + ", last hash removed");
                assertFalse(MerkleTree.verifyConsistency(m, n, root1, root2, prepend(root1, proof)),
                        at + ", root1 prepended");
                assertFalse(MerkleTree.verifyConsistency(m, n, ROOTS.get(m - 1), root2, proof), at + ", older root1");
                for (int i = 0; i < proof.size(); i++) {
                    for (int bit : new int[] {4, 16 * 8, 31 * 8 + 7}) {
                        assertFalse(MerkleTree.verifyConsistency(m, n, root1, root2, flipBit(proof, i, bit)),
                                at + ", bit " + bit + " of proof[" + i + "] flipped");
                    }
                }
            }
        }
    }

    @Test
    void verifiersAnswerFalseForMalformedInput() {
        byte[] leaf = LEAF_HASHES.get(0);
        byte[] root = ROOTS.get(4);
        List<byte[]> proof = MerkleTree.inclusionProof(0, leafHashes(4));
        assertFalse(MerkleTree.verifyInclusion(leaf, 4, 4, proof, root), "index == size");
        assertFalse(MerkleTree.verifyInclusion(leaf, -1, 4, proof, root), "negative index");
        assertFalse(MerkleTree.verifyInclusion(leaf, 0, 0, List.of(), MerkleTree.emptyRootHash()), "empty tree");
        assertFalse(MerkleTree.verifyInclusion(leaf, 0, 4, null, root), "null proof");
        assertFalse(MerkleTree.verifyInclusion(null, 0, 4, proof, root), "null leaf");
        assertFalse(MerkleTree.verifyInclusion(leaf, 0, 4, proof, null), "null root");
        assertFalse(MerkleTree.verifyInclusion(leaf, 0, 4, Arrays.asList(proof.get(0), null), root), "null hash");
        assertFalse(MerkleTree.verifyInclusion(leaf, 0, 4, List.of(proof.get(0), new byte[31]), root), "short hash");
        assertFalse(MerkleTree.verifyInclusion(leaf, 0, 8, proof, root), "size * 2");
        assertFalse(MerkleTree.verifyInclusion(leaf, 0, 2, proof, root), "size / 2");
        assertFalse(MerkleTree.verifyInclusion(leaf, 0, Long.MAX_VALUE, proof, root), "huge size");

        byte[] root2 = ROOTS.get(7);
        List<byte[]> consistency = MerkleTree.consistencyProof(4, leafHashes(7));
        assertFalse(MerkleTree.verifyConsistency(7, 4, root2, root, consistency), "first larger than second");
        assertFalse(MerkleTree.verifyConsistency(-1, 7, root, root2, consistency), "negative size");
        assertFalse(MerkleTree.verifyConsistency(4, 7, root, root2, null), "null proof");
        assertFalse(MerkleTree.verifyConsistency(4, 7, null, root2, consistency), "null root");
        assertFalse(MerkleTree.verifyConsistency(4, 14, root, root2, consistency), "size2 * 2");
        assertFalse(MerkleTree.verifyConsistency(4, 7, new byte[31], root2, consistency), "short root");
        assertFalse(MerkleTree.verifyConsistency(4, 4, root, root, List.of(root)), "equal sizes with a proof");
        assertFalse(MerkleTree.verifyConsistency(4, 4, root, root2, List.of()), "equal sizes, different roots");
    }

    @Test
    void theEmptyTreeIsConsistentWithEveryTreeButOnlyUnderItsOwnRoot() {
        byte[] empty = MerkleTree.emptyRootHash();
        assertTrue(MerkleTree.verifyConsistency(0, 0, empty, empty, List.of()));
        assertTrue(MerkleTree.verifyConsistency(0, 5, empty, ROOTS.get(5), List.of()));
        assertFalse(MerkleTree.verifyConsistency(0, 5, ROOTS.get(1), ROOTS.get(5), List.of()));
        assertFalse(MerkleTree.verifyConsistency(0, 5, empty, ROOTS.get(5), List.of(empty)));
        assertEquals(List.of(), MerkleTree.consistencyProof(0, leafHashes(5)));
    }

    @Test
    void proofGenerationRejectsSizesOutsideTheTree() {
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.inclusionProof(3, leafHashes(3)));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.inclusionProof(-1, leafHashes(3)));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.inclusionProof(0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.consistencyProof(4, leafHashes(3)));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.consistencyProof(-1, leafHashes(3)));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.rootHash(List.of(new byte[31])));
    }

    /**
     * RFC 6962 section 2.1 transcribed literally over raw leaf data, copying lists and arrays at
     * every step and sharing no code with MerkleTree, to check it (and the vectors) against.
     */
    private static final class NaiveRfc6962 {

        static byte[] mth(List<byte[]> d) {
            int n = d.size();
            if (n == 0) {
                return sha256();
            }
            if (n == 1) {
                return sha256(new byte[] {0x00}, d.get(0));
            }
            int k = k(n);
            return sha256(new byte[] {0x01}, mth(copy(d, 0, k)), mth(copy(d, k, n)));
        }

        /** PATH(m, D[n]). */
        static List<byte[]> path(int m, List<byte[]> d) {
            int n = d.size();
            if (n == 1) {
                return List.of();
            }
            int k = k(n);
            List<byte[]> result = new ArrayList<>();
            if (m < k) {
                result.addAll(path(m, copy(d, 0, k)));
                result.add(mth(copy(d, k, n)));
            } else {
                result.addAll(path(m - k, copy(d, k, n)));
                result.add(mth(copy(d, 0, k)));
            }
            return result;
        }

        /** PROOF(m, D[n]). */
        static List<byte[]> proof(int m, List<byte[]> d) {
            return subproof(m, d, true);
        }

        static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
            int n = d.size();
            if (m == n) {
                return b ? List.of() : List.of(mth(d));
            }
            int k = k(n);
            List<byte[]> result = new ArrayList<>();
            if (m <= k) {
                result.addAll(subproof(m, copy(d, 0, k), b));
                result.add(mth(copy(d, k, n)));
            } else {
                result.addAll(subproof(m - k, copy(d, k, n), false));
                result.add(mth(copy(d, 0, k)));
            }
            return result;
        }

        /** The largest power of two smaller than n. */
        static int k(int n) {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }

        static List<byte[]> copy(List<byte[]> d, int from, int to) {
            List<byte[]> result = new ArrayList<>();
            for (int i = from; i < to; i++) {
                result.add(d.get(i).clone());
            }
            return result;
        }
    }

    private static List<byte[]> leaves() {
        List<byte[]> leaves = new ArrayList<>(VECTOR_LEAVES);
        for (int i = leaves.size(); i <= MAX_SIZE; i++) {
            leaves.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        return List.copyOf(leaves);
    }

    private static List<byte[]> naiveRoots() {
        List<byte[]> roots = new ArrayList<>();
        for (int n = 0; n <= MAX_SIZE; n++) {
            roots.add(NaiveRfc6962.mth(LEAVES.subList(0, n)));
        }
        return List.copyOf(roots);
    }

    private static List<byte[]> leafHashes(int n) {
        return LEAF_HASHES.subList(0, n);
    }

    private static void assertProof(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.stream().map(HEX::formatHex).toList(), actual.stream().map(HEX::formatHex).toList());
    }

    private static List<byte[]> hexList(String... hex) {
        return Arrays.stream(hex).map(HEX::parseHex).toList();
    }

    private static byte[] flipBit(byte[] hash, int bit) {
        byte[] flipped = hash.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        return flipped;
    }

    private static List<byte[]> flipBit(List<byte[]> proof, int index, int bit) {
        List<byte[]> tampered = new ArrayList<>(proof);
        tampered.set(index, flipBit(proof.get(index), bit));
        return tampered;
    }

    private static List<byte[]> append(List<byte[]> proof, byte[] hash) {
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(hash);
        return longer;
    }

    private static List<byte[]> prepend(byte[] hash, List<byte[]> proof) {
        List<byte[]> longer = new ArrayList<>();
        longer.add(hash);
        longer.addAll(proof);
        return longer;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha256.update(part);
            }
            return sha256.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
