package io.mdm.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak server, forked from the distribution that the build unpacked, with the realm
 * {@code mdm} of deploy/keycloak imported. Its database lives in memory: every test run starts
 * from the realm file.
 */
public final class KeycloakServer {

    /**
     * With brute-force protection on (the realm has it), Keycloak 26 refuses a user's second login
     * while the first is in flight as "user_temporarily_disabled"; tests and people log in in parallel.
     * Failed logins still count towards the lockout.
     */
    static final String ALLOW_CONCURRENT_LOGINS =
            "--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final int port;
    private final ForkedProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(int port, ForkedProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Prepares (not starts) Keycloak on free ports, logging under {@code workDir}. */
    public static KeycloakServer create(Path workDir) {
        Path home = Distributions.keycloakHome();
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        installRealm(home);
        String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ForkedProcess process = new ForkedProcess("Keycloak",
                List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-host=127.0.0.1", "--http-port=" + port,
                        "--http-management-port=" + managementPort,
                        "--db=dev-mem", "--import-realm", "--cache=local", ALLOW_CONCURRENT_LOGINS),
                Map.of("JAVA_HOME", System.getProperty("java.home"),
                        "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                        "JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m",
                        "JAVA_OPTS_APPEND", ForkedProcess.MARKER + "keycloak"),
                home, workDir.resolve("keycloak.log"));
        return new KeycloakServer(port, process);
    }

    /** Keycloak imports every realm file it finds in {@code data/import} at start. */
    private static void installRealm(Path home) {
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/mdm-realm.json")) {
            if (realm == null) {
                throw new IllegalStateException("keycloak/mdm-realm.json is not on the classpath (module keycloak-realm)");
            }
            Path importDir = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realm, importDir.resolve("mdm-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the realm into " + home, e);
        }
    }

    public KeycloakServer start() {
        process.start();
        process.awaitReady(this::realmAnswers, START_TIMEOUT);
        return this;
    }

    public void stop() {
        process.stop();
    }

    private boolean realmAnswers() {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String realmUrl() {
        return baseUrl() + "/realms/mdm";
    }

    /** Tokens of this server's realm {@code mdm}. */
    public RealmClient realm() {
        return new RealmClient(realmUrl(), http);
    }
}
