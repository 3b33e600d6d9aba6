package io.mdm.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the platform's services run as its packaged application ({@code quarkus-run.jar}) in a
 * process of its own, on free ports, so that end-to-end tests drive exactly what is shipped and
 * can really kill and restart it. Its output goes to {@code target/testkit/<name>.log}.
 */
public final class PackagedService {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The three ports every service listens on (API.md): the API, gRPC and management. */
    public record Ports(int http, int grpc, int management) {
        public static Ports free() {
            return new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next());
        }
    }

    private final String name;
    private final Path application;
    private final Ports ports;
    private final Map<String, String> environment;
    private ForkedProcess process;

    /**
     * @param application the service's {@code target/quarkus-app/quarkus-run.jar}
     * @param environment its configuration, as the deployment gives it (secrets included); the ports are added here
     */
    public PackagedService(String name, Path application, Ports ports, Map<String, String> environment) {
        if (!Files.isRegularFile(application)) {
            throw new IllegalStateException(application + " is missing: package the services first (mvn install -DskipTests)");
        }
        this.name = name;
        this.application = application;
        this.ports = ports;
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.http()));
        env.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(ports.grpc()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(ports.management()));
        this.environment = Map.copyOf(env);
    }

    /** Starts the service and waits until its readiness check (MongoDB, Kafka) answers 200. */
    public PackagedService start() {
        return startWith(Map.of());
    }

    /** Starts it with some configuration added for this run only, e.g. {@code MDM_CLOCK_OFFSET}. */
    public synchronized PackagedService startWith(Map<String, String> extraEnvironment) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extraEnvironment);
        List<String> command = new ArrayList<>(List.of(ForkedProcess.javaExecutable(), "-Xmx384m",
                ForkedProcess.MARKER + name, "-jar", application.toString()));
        process = new ForkedProcess(name, command, env, application.getParent(), Distributions.workFolder(name + ".log"));
        process.start();
        process.awaitReady(this::isReady, START_TIMEOUT);
        return this;
    }

    /** A clean shutdown (SIGTERM), as Kubernetes does on a rollout. */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** A crash: SIGKILL, nothing flushed, nothing closed. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public Ports ports() {
        return ports;
    }

    /** The base of its public API, e.g. {@code http://127.0.0.1:8081/api/v1}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + ports.http() + "/api/v1";
    }

    public Path logFile() {
        return Distributions.workFolder(name + ".log");
    }

    private boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + ports.management() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
