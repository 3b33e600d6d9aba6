package io.mdm.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed statement of the log's size and root, in the style of a C2SP tlog-checkpoint.
 *
 * <p>{@code body} is the exact signed UTF-8 text,
 * {@code <origin>\n<treeSize>\n<base64 rootHash>\n<time>\n}: the checkpoint body with the time
 * ({@link AuditTimestamp} form) as one extension line. {@code signature} is the 64-byte Ed25519
 * signature of it, and {@code keyId} names the signing key as described at {@link #keyIdOf}.
 * The constructor does not check that the parts agree; {@link CheckpointVerifier} does.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, Instant time, String keyId,
                         byte[] signature, String body) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        rootHash = Objects.requireNonNull(rootHash, "rootHash").clone();
        time = AuditTimestamp.truncate(time);
        Objects.requireNonNull(keyId, "keyId");
        signature = Objects.requireNonNull(signature, "signature").clone();
        Objects.requireNonNull(body, "body");
    }

    /**
     * The text a checkpoint signs.
     *
     * @throws IllegalArgumentException if the origin is not a valid C2SP origin line (empty, or
     *         containing whitespace or '+'), the size is negative or the root is not 32 bytes
     */
    public static String bodyOf(String origin, long treeSize, byte[] rootHash, Instant time) {
        requireValidName(origin);
        if (treeSize < 0) {
            throw new IllegalArgumentException("negative tree size " + treeSize);
        }
        if (rootHash == null || rootHash.length != MerkleTree.HASH_SIZE) {
            throw new IllegalArgumentException("a root hash must be " + MerkleTree.HASH_SIZE + " bytes");
        }
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
                + AuditTimestamp.format(time) + "\n";
    }

    /**
     * The key ID of the C2SP signed-note spec for an Ed25519 key: the first 4 bytes of
     * {@code SHA-256(keyName || 0x0A || 0x01 || rawPublicKey)}, as 8 lowercase hex digits. 0x01
     * is the signed-note algorithm byte for Ed25519; the key name is the log's origin.
     */
    public static String keyIdOf(String keyName, byte[] rawPublicKey) {
        requireValidName(keyName);
        if (rawPublicKey == null || rawPublicKey.length != CheckpointVerifier.ED25519_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is " + CheckpointVerifier.ED25519_KEY_SIZE + " bytes");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(keyName.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0x0A);
            sha256.update((byte) 0x01);
            sha256.update(rawPublicKey);
            return HexFormat.of().formatHex(sha256.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The root hash in standard base64, as the API answers it. */
    public String rootHashBase64() {
        return Base64.getEncoder().encodeToString(rootHash);
    }

    /** The signature in standard base64, as the API answers it. */
    public String signatureBase64() {
        return Base64.getEncoder().encodeToString(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that
                && origin.equals(that.origin)
                && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash)
                && time.equals(that.time)
                && keyId.equals(that.keyId)
                && Arrays.equals(signature, that.signature)
                && body.equals(that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, treeSize, Arrays.hashCode(rootHash), time, keyId, Arrays.hashCode(signature), body);
    }

    @Override
    public String toString() {
        return "Checkpoint[origin=" + origin + ", treeSize=" + treeSize + ", rootHash=" + rootHashBase64()
                + ", time=" + time + ", keyId=" + keyId + ", signature=" + signatureBase64() + "]";
    }

    /** C2SP: an origin (and a signed-note key name) is non-empty, without whitespace or '+'. */
    private static void requireValidName(String name) {
        if (name == null || name.isEmpty()
                || name.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw new IllegalArgumentException("not a valid origin: '" + name + "'");
        }
    }
}
