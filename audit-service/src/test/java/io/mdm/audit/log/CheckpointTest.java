package io.mdm.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String ORIGIN = "audit.mdm.example/log";
    private static final Instant TIME = Instant.parse("2024-05-01T10:00:00.123Z");

    /** RFC 8032 section 7.1, TEST 1: the private key (seed) wrapped in RFC 8410 PKCS#8, and its public key. */
    private static final String RFC8032_PKCS8 = Base64.getEncoder().encodeToString(HEX.parseHex(
            "302e020100300506032b657004220420" + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    private static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    /** MTH of the first five RFC 6962 test-vector leaves. */
    private static final byte[] ROOT_OF_FIVE =
            HEX.parseHex("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4");

    private final CheckpointSigner signer = new CheckpointSigner(ORIGIN, CheckpointSigner.generatePrivateKey());

    @Test
    void aSignedCheckpointVerifiesWithTheSignersPublicKey() {
        Checkpoint checkpoint = signer.sign(5, ROOT_OF_FIVE, TIME);

        assertEquals(ORIGIN + "\n5\nTju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\n2024-05-01T10:00:00.123Z\n", checkpoint.body());
        assertEquals(ORIGIN, checkpoint.origin());
        assertEquals(5, checkpoint.treeSize());
        assertArrayEquals(ROOT_OF_FIVE, checkpoint.rootHash());
        assertEquals(TIME, checkpoint.time());
        assertEquals(signer.keyId(), checkpoint.keyId());
        assertEquals(64, checkpoint.signature().length);
        assertTrue(CheckpointVerifier.verify(checkpoint, signer.publicKeyRaw()));
    }

    @Test
    void signingWithTheRfc8032KeyGivesTheSignatureOpenSslGives() {
        CheckpointSigner rfcSigner = new CheckpointSigner(ORIGIN, RFC8032_PKCS8);
        Checkpoint checkpoint = rfcSigner.sign(5, ROOT_OF_FIVE, TIME);

        assertEquals(RFC8032_PUBLIC, HEX.formatHex(rfcSigner.publicKeyRaw()));
        // `openssl pkeyutl -sign -rawin` over the same body with the same key (OpenSSL 3.0).
        assertEquals("19a933d25526c8c67f679fc7042ef752c9e91df9ec82825bc40d5638bbac4fff"
                + "45fe02de2a34871683698e9f956ca843fb7ab8b37758ff9461e07156ddb3cc0e", HEX.formatHex(checkpoint.signature()));
        // SHA-256("audit.mdm.example/log\n\x01" || public key), first 4 bytes, computed with Python's hashlib.
        assertEquals("f957a4b3", rfcSigner.keyId());
        assertTrue(CheckpointVerifier.verify(checkpoint, HEX.parseHex(RFC8032_PUBLIC)));
    }

    @Test
    void keyIdFollowsTheSignedNoteSpec() {
        // The verifier key "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW" from the Go
        // golang.org/x/mod/sumdb/note documentation: the base64 part is the algorithm byte 0x01 and the raw key.
        byte[] algorithmAndKey = Base64.getDecoder().decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        byte[] rawKey = Arrays.copyOfRange(algorithmAndKey, 1, algorithmAndKey.length);
        assertEquals("c74f20a3", Checkpoint.keyIdOf("PeterNeumann", rawKey));
    }

    @Test
    void keyIdIsStableForAKeyAndOriginAndDiffersOtherwise() {
        String key = CheckpointSigner.generatePrivateKey();
        CheckpointSigner first = new CheckpointSigner(ORIGIN, key);
        CheckpointSigner again = new CheckpointSigner(ORIGIN, key);
        assertEquals(first.keyId(), again.keyId());
        assertArrayEquals(first.publicKeyRaw(), again.publicKeyRaw());
        assertTrue(first.keyId().matches("[0-9a-f]{8}"), first.keyId());
        assertNotEquals(first.keyId(), new CheckpointSigner("other.example/log", key).keyId());
        assertNotEquals(first.keyId(), signer.keyId());
    }

    @Test
    void changingAnyFieldMakesVerificationFail() {
        Checkpoint good = signer.sign(5, ROOT_OF_FIVE, TIME);
        byte[] key = signer.publicKeyRaw();
        byte[] otherRoot = ROOT_OF_FIVE.clone();
        otherRoot[31] ^= 1;
        Instant otherTime = TIME.plusMillis(1);

        List<Checkpoint> tampered = List.of(
                // a field changed, the body left as signed
                new Checkpoint("other.example/log", 5, ROOT_OF_FIVE, TIME, good.keyId(), good.signature(), good.body()),
                new Checkpoint(ORIGIN, 6, ROOT_OF_FIVE, TIME, good.keyId(), good.signature(), good.body()),
                new Checkpoint(ORIGIN, 5, otherRoot, TIME, good.keyId(), good.signature(), good.body()),
                new Checkpoint(ORIGIN, 5, ROOT_OF_FIVE, otherTime, good.keyId(), good.signature(), good.body()),
                new Checkpoint(ORIGIN, 5, ROOT_OF_FIVE, TIME, "00000000", good.signature(), good.body()),
                new Checkpoint(ORIGIN, 5, ROOT_OF_FIVE, TIME, good.keyId(), good.signature(), good.body() + "x\n"),
                // a field changed and the body rebuilt to match it, the signature left as it was
                new Checkpoint(ORIGIN, 6, ROOT_OF_FIVE, TIME, good.keyId(), good.signature(),
                        Checkpoint.bodyOf(ORIGIN, 6, ROOT_OF_FIVE, TIME)),
                new Checkpoint(ORIGIN, 5, otherRoot, TIME, good.keyId(), good.signature(),
                        Checkpoint.bodyOf(ORIGIN, 5, otherRoot, TIME)),
                new Checkpoint(ORIGIN, 5, ROOT_OF_FIVE, otherTime, good.keyId(), good.signature(),
                        Checkpoint.bodyOf(ORIGIN, 5, ROOT_OF_FIVE, otherTime)));
        for (Checkpoint checkpoint : tampered) {
            assertFalse(CheckpointVerifier.verify(checkpoint, key), checkpoint.toString());
        }

        for (int i = 0; i < good.signature().length; i++) {
            byte[] signature = good.signature();
            signature[i] ^= 0x01;
            Checkpoint badSignature = new Checkpoint(ORIGIN, 5, ROOT_OF_FIVE, TIME, good.keyId(), signature, good.body());
            assertFalse(CheckpointVerifier.verify(badSignature, key), "signature byte " + i + " changed");
        }
        assertTrue(CheckpointVerifier.verify(good, key), "the untouched checkpoint still verifies");
    }

    @Test
    void anotherKeyOrAMalformedKeyDoesNotVerify() {
        Checkpoint checkpoint = signer.sign(5, ROOT_OF_FIVE, TIME);
        CheckpointSigner stranger = new CheckpointSigner(ORIGIN, CheckpointSigner.generatePrivateKey());
        assertFalse(CheckpointVerifier.verify(checkpoint, stranger.publicKeyRaw()));
        assertFalse(CheckpointVerifier.verify(checkpoint, new byte[31]));
        assertFalse(CheckpointVerifier.verify(checkpoint, null));
        assertFalse(CheckpointVerifier.verify(null, signer.publicKeyRaw()));
        Checkpoint shortSignature = new Checkpoint(ORIGIN, 5, ROOT_OF_FIVE, TIME, checkpoint.keyId(), new byte[10],
                checkpoint.body());
        assertFalse(CheckpointVerifier.verify(shortSignature, signer.publicKeyRaw()));
    }

    @Test
    void theSignerRejectsInvalidOriginsAndKeys() throws Exception {
        String key = CheckpointSigner.generatePrivateKey();
        for (String origin : new String[] {"", "has space/log", "a+b/log", "line\nbreak"}) {
            assertThrows(IllegalArgumentException.class, () -> new CheckpointSigner(origin, key), origin);
        }
        String ecKey = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate().getEncoded());
        assertThrows(IllegalArgumentException.class, () -> new CheckpointSigner(ORIGIN, ecKey));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointSigner(ORIGIN, "not base64!"));
        assertThrows(IllegalArgumentException.class, () -> signer.sign(-1, ROOT_OF_FIVE, TIME));
        assertThrows(IllegalArgumentException.class, () -> signer.sign(5, new byte[31], TIME));
    }

    @Test
    void generatedKeysAreNewEachTime() {
        assertNotEquals(CheckpointSigner.generatePrivateKey(), CheckpointSigner.generatePrivateKey());
    }
}
