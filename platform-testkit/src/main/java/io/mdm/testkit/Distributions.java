package io.mdm.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build laid out the Kafka and Keycloak distributions (module deploy/local-dist):
 * the system property {@code mdm.dist.dir} set by the root pom, else {@code .mdm/dist} in the
 * nearest enclosing folder that has one.
 */
final class Distributions {

    private Distributions() {
    }

    static Path root() {
        String configured = System.getProperty("mdm.dist.dir", System.getenv("MDM_DIST_DIR"));
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".mdm/dist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The Kafka and Keycloak distributions are missing: run `./mdm build` "
                + "(or `mvn install -DskipTests`) from the repository root first.");
    }

    static Path kafkaLibs() {
        return existing(root().resolve("kafka/libs"));
    }

    /** The unpacked Keycloak distribution; its version is the root pom's {@code keycloak.version}. */
    static Path keycloakHome() {
        try (var entries = Files.list(root())) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-") && Files.isDirectory(p))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Keycloak distribution under " + root()
                            + ": run `mvn install -DskipTests` from the repository root."));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A folder for logs and data of this test run, inside the current module's target/. */
    static Path workFolder(String name) {
        return Path.of("target", "testkit", name).toAbsolutePath();
    }

    private static Path existing(Path path) {
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(path + " is missing: run `mvn install -DskipTests` from the repository root.");
        }
        return path;
    }
}
