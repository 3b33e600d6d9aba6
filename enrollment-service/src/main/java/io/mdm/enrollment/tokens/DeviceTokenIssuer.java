package io.mdm.enrollment.tokens;

import io.mdm.contracts.DeviceTokens;
import io.mdm.enrollment.Device;
import io.mdm.enrollment.config.DeviceTokenConfig;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Signs device tokens (ES256 JWTs, audience {@code mdm-device}) and publishes the public key as
 * a JWK set, which policy- and backup-service verify against.
 */
@ApplicationScoped
public class DeviceTokenIssuer {

    private static final Logger LOG = Logger.getLogger(DeviceTokenIssuer.class);

    private final DeviceTokenConfig config;
    private final Clock clock;
    private final PrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final String keyId;

    public DeviceTokenIssuer(DeviceTokenConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        SigningKey key = config.signingKey().map(DeviceTokenIssuer::parsePem).orElseGet(DeviceTokenIssuer::ephemeralKey);
        this.privateKey = key.privateKey();
        this.publicKey = key.publicKey();
        try {
            this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        if (config.lifetime().compareTo(java.time.Duration.ofHours(1)) > 0) {
            throw new IllegalStateException("mdm.device-tokens.lifetime must be at most PT1H");
        }
    }

    public record IssuedToken(String accessToken, long expiresIn) {
    }

    public IssuedToken issue(Device device) {
        Instant now = clock.instant();
        String token = Jwt.issuer(config.issuer())
                .subject(device.id())
                .audience(DeviceTokens.AUDIENCE)
                .groups(DeviceTokens.ROLE)
                .claim(DeviceTokens.EMPLOYEE_ID_CLAIM, device.employeeId())
                .claim(DeviceTokens.OWNERSHIP_CLAIM, device.ownership().name())
                .issuedAt(now)
                .expiresAt(now.plus(config.lifetime()))
                .jws().keyId(keyId).algorithm(SignatureAlgorithm.ES256)
                .sign(privateKey);
        return new IssuedToken(token, config.lifetime().toSeconds());
    }

    /** The JWK set (RFC 7517) with the one verification key. */
    public Map<String, Object> jwks() {
        ECPoint w = publicKey.getW();
        return Map.of("keys", List.of(Map.of(
                "kty", "EC", "crv", "P-256", "use", "sig", "alg", "ES256", "kid", keyId,
                "x", coordinate(w.getAffineX()), "y", coordinate(w.getAffineY()))));
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    /** A signing key: the PEM private key (PKCS#8) followed by its PEM public key. */
    record SigningKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
    }

    static SigningKey parsePem(String pem) {
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY")));
            ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(block(pem, "PUBLIC KEY")));
            requirePair(privateKey, publicKey);
            return new SigningKey(privateKey, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("mdm.device-tokens.signing-key must hold a PEM PKCS#8 EC P-256 private key "
                    + "followed by its PEM public key (openssl genpkey, then openssl pkey -pubout)");
        }
    }

    private static byte[] block(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END " + type + "-----");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    /** A key pair that does not belong together would issue tokens nobody can verify: refuse to start. */
    private static void requirePair(ECPrivateKey privateKey, ECPublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "mdm-device-token-key-check".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new IllegalArgumentException("the public key does not match the private key");
        }
    }

    private static SigningKey ephemeralKey() {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("mdm.device-tokens.signing-key (MDM_DEVICE_TOKENS_SIGNING_KEY) is required "
                    + "in production: a PEM EC P-256 private and public key from a Secret");
        }
        LOG.warn("No mdm.device-tokens.signing-key: using a key generated for this process only (dev/test)");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every JDK", e);
        }
    }
}
