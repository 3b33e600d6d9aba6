package io.mdm.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Checks a {@link Checkpoint} against a raw Ed25519 public key, the way any client can with the
 * key from {@code GET /audit/public-key}.
 */
public final class CheckpointVerifier {

    /** Length of a raw Ed25519 public key. */
    public static final int ED25519_KEY_SIZE = 32;

    /** SubjectPublicKeyInfo (RFC 8410) for Ed25519 up to the raw key, the same for every key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private CheckpointVerifier() {
    }

    /**
     * True if the checkpoint's body is exactly the text its fields give, its key ID names
     * {@code rawPublicKey} for its origin, and its signature over the body verifies with that key.
     * False, never an exception, for anything else, including malformed keys and fields.
     */
    public static boolean verify(Checkpoint checkpoint, byte[] rawPublicKey) {
        if (checkpoint == null || rawPublicKey == null || rawPublicKey.length != ED25519_KEY_SIZE) {
            return false;
        }
        try {
            String expectedBody = Checkpoint.bodyOf(
                    checkpoint.origin(), checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.time());
            if (!expectedBody.equals(checkpoint.body())
                    || !Checkpoint.keyIdOf(checkpoint.origin(), rawPublicKey).equals(checkpoint.keyId())) {
                return false;
            }
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey(rawPublicKey));
            ed25519.update(checkpoint.body().getBytes(StandardCharsets.UTF_8));
            return ed25519.verify(checkpoint.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static PublicKey publicKey(byte[] rawPublicKey) throws GeneralSecurityException {
        byte[] encoded = new byte[X509_PREFIX.length + rawPublicKey.length];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(rawPublicKey, 0, encoded, X509_PREFIX.length, rawPublicKey.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
