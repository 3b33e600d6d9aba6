package io.mdm.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real single-node Kafka broker (KRaft, no ZooKeeper), forked from the jars that the build
 * copied to {@code .mdm/dist/kafka/libs}. It keeps its ports and data across {@link #stop()},
 * {@link #kill()} and {@link #start()}, so fault tests can take it away and bring it back.
 */
public final class KafkaBroker {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String STARTED = "Kafka Server started";

    private final int port;
    private final ForkedProcess process;
    private long logOffsetAtStart;

    private KafkaBroker(int port, ForkedProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Formats a fresh data folder under {@code workDir} and prepares (not starts) a broker on free ports. */
    public static KafkaBroker create(Path workDir) {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        try {
            Path dataDir = workDir.resolve("data");
            Files.createDirectories(dataDir);
            Path config = workDir.resolve("server.properties");
            Files.writeString(config, serverProperties(port, controllerPort, dataDir));
            String classpath = Distributions.kafkaLibs().resolve("*").toString();
            Path log = workDir.resolve("kafka.log");
            format(classpath, config, workDir, log);
            ForkedProcess process = new ForkedProcess("Kafka broker",
                    List.of(ForkedProcess.javaExecutable(), "-Xms128m", "-Xmx512m", ForkedProcess.MARKER + "kafka",
                            "-cp", classpath, "kafka.Kafka", config.toString()),
                    Map.of(), workDir, log);
            return new KafkaBroker(port, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the Kafka broker in " + workDir, e);
        }
    }

    static String serverProperties(int port, int controllerPort, Path dataDir) throws IOException {
        try (InputStream template = KafkaBroker.class.getResourceAsStream("kafka-server.properties")) {
            return new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@PORT@", Integer.toString(port))
                    .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                    .replace("@DATA_DIR@", dataDir.toString());
        }
    }

    private static void format(String classpath, Path config, Path workDir, Path log) {
        String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        ForkedProcess storageTool = new ForkedProcess("Kafka storage format",
                List.of(ForkedProcess.javaExecutable(), ForkedProcess.MARKER + "kafka-format", "-cp", classpath,
                        "kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", clusterId, "-c", config.toString()),
                Map.of(), workDir, log);
        storageTool.start();
        storageTool.awaitExit(Duration.ofSeconds(60));
    }

    /** Starts the broker (again) and waits until it serves clients. */
    public synchronized KafkaBroker start() {
        logOffsetAtStart = process.logSize();
        process.start();
        process.awaitReady(() -> process.logContains(STARTED, logOffsetAtStart) && FreePorts.isListening(port),
                START_TIMEOUT);
        return this;
    }

    /** A clean shutdown, as an operator would do. */
    public synchronized void stop() {
        process.stop();
    }

    /** A crash: SIGKILL, no clean shutdown. */
    public synchronized void kill() {
        process.kill();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return process.logFile();
    }
}
