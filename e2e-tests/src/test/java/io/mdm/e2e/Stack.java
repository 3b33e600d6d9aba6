package io.mdm.e2e;

import io.mdm.testkit.Infrastructure;
import io.mdm.testkit.KafkaBroker;
import io.mdm.testkit.PackagedService;
import io.mdm.testkit.PackagedService.Ports;
import io.mdm.testkit.TestInfrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform for the end-to-end tests: the test kit's Kafka, Keycloak and MongoDB-protocol
 * server, and the four services as their packaged applications, each in its own process, wired
 * to each other the way {@code ./mdm up} and the Helm chart wire them, with keys made for this run.
 */
final class Stack {

    private static Stack instance;

    final Infrastructure infra;
    final KafkaBroker kafka;
    final PackagedService enrollment;
    final PackagedService policy;
    final PackagedService backup;
    final PackagedService audit;
    /** The raw Ed25519 key that verifies audit checkpoints: the security team holds it from the deployment. */
    final byte[] auditPublicKey;

    static synchronized Stack get() {
        if (instance == null) {
            instance = new Stack();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stopServices, "e2e-stack-shutdown"));
        }
        return instance;
    }

    private Stack() {
        infra = TestInfrastructure.get();
        kafka = infra.kafkaBroker().orElseThrow(() -> new IllegalStateException(
                "the fault tests kill and restart the broker: they need the forked one (MDM_TEST_INFRA=native)"));
        Path root = Path.of(System.getProperty("mdm.root", "..")).toAbsolutePath().normalize();
        Ports enrollmentPorts = Ports.free();
        Ports policyPorts = Ports.free();
        Ports backupPorts = Ports.free();
        Ports auditPorts = Ports.free();

        Map<String, String> common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(),
                "QUARKUS_MONGODB_CONNECTION_STRING", infra.mongoConnectionString(),
                "QUARKUS_OIDC_AUTH_SERVER_URL", infra.realm().url(),
                "MDM_DEVICE_TOKENS_JWKS_URL", "http://127.0.0.1:" + enrollmentPorts.http() + "/api/v1/devices/jwks");
        KeyPair ed25519 = generate("Ed25519", null);
        auditPublicKey = rawEd25519(ed25519);

        enrollment = new PackagedService("enrollment-service", app(root, "enrollment-service"), enrollmentPorts,
                with(common, Map.of("MDM_DEVICE_TOKENS_SIGNING_KEY", deviceTokenSigningKey())));
        policy = new PackagedService("policy-service", app(root, "policy-service"), policyPorts, with(common, Map.of(
                "QUARKUS_GRPC_CLIENTS_DEVICE_DIRECTORY_HOST", "127.0.0.1",
                "QUARKUS_GRPC_CLIENTS_DEVICE_DIRECTORY_PORT", Integer.toString(enrollmentPorts.grpc()),
                // The local realm's client secret (deploy/keycloak); a deployment takes it from a Secret.
                "MDM_SERVICE_CLIENT_SECRET", "policy-service-local-secret")));
        backup = new PackagedService("backup-service", app(root, "backup-service"), backupPorts, with(common, Map.of(
                "MDM_BACKUP_MASTER_KEY", backupMasterKey(app(root, "backup-service")),
                "QUARKUS_GRPC_CLIENTS_POLICY_QUERY_HOST", "127.0.0.1",
                "QUARKUS_GRPC_CLIENTS_POLICY_QUERY_PORT", Integer.toString(policyPorts.grpc()),
                "QUARKUS_GRPC_CLIENTS_ACCESS_GRANTS_HOST", "127.0.0.1",
                "QUARKUS_GRPC_CLIENTS_ACCESS_GRANTS_PORT", Integer.toString(auditPorts.grpc()),
                // The local realm's client secret (deploy/keycloak); a deployment takes it from a Secret.
                "MDM_SERVICE_CLIENT_SECRET", "backup-service-local-secret")));
        audit = new PackagedService("audit-service", app(root, "audit-service"), auditPorts, with(common, Map.of(
                "MDM_AUDIT_SIGNING_KEY", Base64.getEncoder().encodeToString(ed25519.getPrivate().getEncoded()))));

        // Side by side: on two cores the four start-ups overlap their waits on MongoDB and Kafka.
        CompletableFuture.allOf(List.of(enrollment, policy, backup, audit).stream()
                .map(service -> CompletableFuture.runAsync(service::start))
                .toArray(CompletableFuture[]::new)).join();
    }

    Endpoints endpoints() {
        return new Endpoints(enrollment.apiUrl(), policy.apiUrl(), backup.apiUrl(), audit.apiUrl(), infra.realm().url());
    }

    /**
     * At the JVM's exit, at once: Surefire kills a test JVM that takes more than 30 s to exit, and
     * four clean shutdowns one after the other (while the broker stops too) can take longer,
     * leaving services behind. Nothing of the run is kept, so nothing needs a clean shutdown.
     */
    private void stopServices() {
        for (PackagedService service : List.of(backup, policy, enrollment, audit)) {
            service.kill();
        }
    }

    private static Path app(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        Map<String, String> env = new HashMap<>(common);
        env.putAll(own);
        return env;
    }

    /** The PEM PKCS#8 EC P-256 private key followed by its PEM public key, as the enrollment-service reads it. */
    private static String deviceTokenSigningKey() {
        KeyPair pair = generate("EC", new ECGenParameterSpec("secp256r1"));
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last 32 bytes of the X.509 SubjectPublicKeyInfo of an Ed25519 key are the raw key. */
    private static byte[] rawEd25519(KeyPair pair) {
        byte[] spki = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    /** The backup-service's own generator makes its master key, as {@code ./mdm up} does. */
    private static String backupMasterKey(Path backupApp) {
        Path quarkusApp = backupApp.getParent();
        try {
            Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", quarkusApp.resolve("app") + "/*:" + quarkusApp.resolve("lib/main") + "/*",
                    "io.mdm.backup.config.MasterKeyGenerator").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String key = new String(generator.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!generator.waitFor(60, TimeUnit.SECONDS) || generator.exitValue() != 0 || key.isEmpty()) {
                throw new IllegalStateException("the backup-service's MasterKeyGenerator failed");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
