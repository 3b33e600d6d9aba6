package io.mdm.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mdm.contracts.DeviceTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Device tokens for tests of services that accept them (policy, backup) without running the
 * enrollment-service: an ES256 key, its JWK set served over HTTP on the loopback interface,
 * and tokens shaped exactly as the enrollment-service issues them ({@link DeviceTokens}).
 */
public final class TestDeviceTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_ID = "testkit-device-key";
    private static TestDeviceTokens instance;

    private final KeyPair keys;
    private final HttpServer server;

    private TestDeviceTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = JSON.writeValueAsBytes(jwks((ECPublicKey) keys.getPublic()));
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is part of every JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestDeviceTokens get() {
        if (instance == null) {
            instance = new TestDeviceTokens();
        }
        return instance;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** A valid token of device {@code deviceId}, owned by {@code employeeId}, for 15 minutes. */
    public String tokenFor(String deviceId, String employeeId, String ownership) {
        return token(deviceId, employeeId, ownership, Instant.now(), Duration.ofMinutes(15));
    }

    public String token(String deviceId, String employeeId, String ownership, Instant issuedAt, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", DeviceTokens.DEFAULT_ISSUER);
        claims.put("sub", deviceId);
        claims.put("aud", DeviceTokens.AUDIENCE);
        claims.put(DeviceTokens.ROLES_CLAIM, List.of(DeviceTokens.ROLE));
        claims.put(DeviceTokens.EMPLOYEE_ID_CLAIM, employeeId);
        claims.put(DeviceTokens.OWNERSHIP_CLAIM, ownership);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        try {
            String signingInput = base64(JSON.writeValueAsBytes(Map.of("alg", "ES256", "typ", "JWT", "kid", KEY_ID)))
                    + "." + base64(JSON.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(signer.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> jwks(ECPublicKey key) {
        return Map.of("keys", List.of(Map.of("kty", "EC", "crv", "P-256", "use", "sig", "alg", "ES256", "kid", KEY_ID,
                "x", coordinate(key.getW().getAffineX()), "y", coordinate(key.getW().getAffineY()))));
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return base64(fixed);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
