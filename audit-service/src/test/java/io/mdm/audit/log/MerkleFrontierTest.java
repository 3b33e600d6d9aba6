package io.mdm.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleFrontierTest {

    private static final int MAX_SIZE = 300;

    private static List<byte[]> leafHashes(int count) {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(MerkleTree.leafHash(("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return hashes;
    }

    @Test
    void rootEqualsTheFullTreeRootForEverySizeUpTo300() {
        List<byte[]> leaves = leafHashes(MAX_SIZE);
        MerkleFrontier frontier = MerkleFrontier.empty();
        for (int size = 0; size <= MAX_SIZE; size++) {
            assertEquals(size, frontier.size());
            assertEquals(Long.bitCount(size), frontier.hashes().size(), "subtrees at size " + size);
            assertArrayEquals(MerkleTree.rootHash(leaves.subList(0, size)), frontier.rootHash(), "root at size " + size);
            if (size < MAX_SIZE) {
                frontier = frontier.append(leaves.get(size));
            }
        }
    }

    @Test
    void hashesAreThePerfectSubtreeRootsLeftmostFirst() {
        List<byte[]> leaves = leafHashes(13);
        MerkleFrontier frontier = MerkleFrontier.empty();
        for (byte[] leaf : leaves) {
            frontier = frontier.append(leaf);
        }
        // 13 = 8 + 4 + 1: the subtrees are leaves 0..7, 8..11 and 12.
        List<byte[]> expected = List.of(
                MerkleTree.rootHash(leaves.subList(0, 8)),
                MerkleTree.rootHash(leaves.subList(8, 12)),
                leaves.get(12));
        assertEquals(hex(expected), hex(frontier.hashes()));
    }

    @Test
    void aRestoredFrontierContinuesLikeTheOriginal() {
        List<byte[]> leaves = leafHashes(MAX_SIZE);
        MerkleFrontier frontier = MerkleFrontier.empty();
        for (int size = 0; size < MAX_SIZE; size++) {
            MerkleFrontier restored = MerkleFrontier.restore(frontier.size(), frontier.hashes());
            assertEquals(frontier.size(), restored.size());
            assertArrayEquals(frontier.rootHash(), restored.rootHash(), "restored root at size " + size);
            frontier = frontier.append(leaves.get(size));
            assertArrayEquals(frontier.rootHash(), restored.append(leaves.get(size)).rootHash(),
                    "root after appending to the restored frontier of size " + size);
        }
    }

    @Test
    void appendLeavesTheOriginalUnchanged() {
        List<byte[]> leaves = leafHashes(3);
        MerkleFrontier two = MerkleFrontier.empty().append(leaves.get(0)).append(leaves.get(1));
        byte[] rootOfTwo = two.rootHash();
        two.append(leaves.get(2));
        assertEquals(2, two.size());
        assertArrayEquals(rootOfTwo, two.rootHash());
    }

    @Test
    void persistedHashesCannotChangeTheFrontier() {
        MerkleFrontier frontier = MerkleFrontier.empty().append(leafHashes(1).get(0));
        byte[] root = frontier.rootHash();
        frontier.hashes().get(0)[0] ^= 1;
        frontier.rootHash()[0] ^= 1;
        assertArrayEquals(root, frontier.rootHash());
    }

    @Test
    void restoreRejectsAHashCountThatDoesNotMatchTheSize() {
        List<byte[]> two = leafHashes(2);
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.restore(5, two.subList(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.restore(4, two));
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.restore(0, two.subList(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.restore(-1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.restore(1, List.of(new byte[31])));
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.restore(1, null));
        assertEquals(5, MerkleFrontier.restore(5, two).size());
    }

    @Test
    void appendRejectsSomethingThatIsNotAHash() {
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.empty().append(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.empty().append(null));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
