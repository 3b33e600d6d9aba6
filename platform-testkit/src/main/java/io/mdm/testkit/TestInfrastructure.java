package io.mdm.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one set of servers of a test JVM, started on first use and stopped when the JVM exits,
 * so every test class of a module shares them.
 *
 * <p>{@code MDM_TEST_INFRA=native} forks the real servers as processes (the default on a
 * machine without a Docker engine); {@code MDM_TEST_INFRA=containers} uses Testcontainers
 * (the default where a Docker socket exists).
 */
public final class TestInfrastructure {

    private static Infrastructure instance;

    private TestInfrastructure() {
    }

    public static synchronized Infrastructure get() {
        if (instance == null) {
            Infrastructure started = useContainers() ? new ContainerInfrastructure() : new NativeInfrastructure();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "mdm-testkit-shutdown"));
            instance = started;
        }
        return instance;
    }

    static boolean useContainers() {
        String choice = System.getenv().getOrDefault("MDM_TEST_INFRA", "auto");
        return switch (choice) {
            case "containers" -> true;
            case "native" -> false;
            case "auto" -> Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
            default -> throw new IllegalStateException("MDM_TEST_INFRA must be native, containers or auto, not " + choice);
        };
    }
}
