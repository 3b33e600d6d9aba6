package io.mdm.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs checkpoints of one log (one origin) with its Ed25519 key, using only the JDK.
 *
 * <p>The key is held as PKCS#8 (RFC 8410) in base64; {@link #generatePrivateKey()} makes a new
 * one for local use. The key ID is {@link Checkpoint#keyIdOf}{@code (origin, publicKeyRaw())}: the
 * first 4 bytes of {@code SHA-256(origin || 0x0A || 0x01 || raw public key)} in lowercase hex,
 * as in the C2SP signed-note spec.
 */
public final class CheckpointSigner {

    private static final String ALGORITHM = "Ed25519";

    private final String origin;
    private final PrivateKey privateKey;
    private final byte[] publicKeyRaw;
    private final String keyId;

    /**
     * @param origin                 the log's origin line, also the key's name in its key ID
     * @param privateKeyPkcs8Base64  the Ed25519 private key, PKCS#8 DER in standard base64
     * @throws IllegalArgumentException if the origin is invalid or the text is not an Ed25519 PKCS#8 key
     */
    public CheckpointSigner(String origin, String privateKeyPkcs8Base64) {
        this.origin = origin;
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(privateKeyPkcs8Base64.strip());
            this.privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            this.publicKeyRaw = rawPublicKeyOf((EdECPrivateKey) privateKey);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key", e);
        }
        this.keyId = Checkpoint.keyIdOf(origin, publicKeyRaw);
    }

    /** A new random Ed25519 private key as PKCS#8 DER in standard base64, for the service to persist. */
    public static String generatePrivateKey() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
        }
    }

    public String origin() {
        return origin;
    }

    /** The raw 32-byte public key (the last 32 bytes of its X.509 SubjectPublicKeyInfo). */
    public byte[] publicKeyRaw() {
        return publicKeyRaw.clone();
    }

    /** The key ID, see the class comment. */
    public String keyId() {
        return keyId;
    }

    /** Signs the checkpoint of a tree of {@code treeSize} leaves with root {@code rootHash} at {@code time}. */
    public Checkpoint sign(long treeSize, byte[] rootHash, Instant time) {
        String body = Checkpoint.bodyOf(origin, treeSize, rootHash, time);
        try {
            Signature ed25519 = Signature.getInstance(ALGORITHM);
            ed25519.initSign(privateKey);
            ed25519.update(body.getBytes(StandardCharsets.UTF_8));
            return new Checkpoint(origin, treeSize, rootHash, time, keyId, ed25519.sign(), body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * The JDK has no public call that derives an EdDSA public key from the private one, but its
     * Ed25519 key pair generator takes the private key as the 32 bytes it draws from its random
     * source. Handing it a source that yields our key makes it compute the matching public key;
     * the signature round trip below proves that it did, on any JDK.
     */
    private static byte[] rawPublicKeyOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("private key without its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new ReplayedSeed(seed));
        PublicKey derived = generator.generateKeyPair().getPublic();
        byte[] encoded = derived.getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - CheckpointVerifier.ED25519_KEY_SIZE, encoded.length);

        byte[] probe = "checkpoint signer key check".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(key);
        signer.update(probe);
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(CheckpointVerifier.publicKey(raw));
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new GeneralSecurityException("could not derive the public key of the Ed25519 private key");
        }
        return raw;
    }

    /** A "random" source that answers the stored private key; used only by {@link #rawPublicKeyOf}. */
    private static final class ReplayedSeed extends SecureRandom {

        private static final long serialVersionUID = 1L;

        private final byte[] seed;

        ReplayedSeed(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a request for " + seed.length + " bytes, got " + bytes.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
