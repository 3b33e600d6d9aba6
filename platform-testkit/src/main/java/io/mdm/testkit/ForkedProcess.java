package io.mdm.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server started as its own operating-system process, so that fault tests can really stop
 * or kill it. Its output goes to a log file that tests and people can read.
 */
final class ForkedProcess {

    /** Marks every process the kit forks, so a CI script can find leftovers. */
    static final String MARKER = "-Dmdm.testkit.process=";

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path logFile;
    private Process process;

    ForkedProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.logFile = logFile;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + ")", e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Asks the process to shut down (SIGTERM) and waits for it. */
    synchronized void stop() {
        end(false);
    }

    /** Ends the process at once (SIGKILL), as a crash would. */
    synchronized void kill() {
        end(true);
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        if (forcibly) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } else {
            children.forEach(ProcessHandle::destroy);
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        process = null;
    }

    /** Waits for a short-lived tool to finish with exit code 0. */
    void awaitExit(Duration timeout) {
        Process tool;
        synchronized (this) {
            tool = process;
        }
        try {
            if (!tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException(name + " did not finish within " + timeout + ":\n" + logTail());
            }
            if (tool.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + tool.exitValue() + ":\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** Waits until {@code ready} holds, failing early with the log's tail if the process dies. */
    void awaitReady(BooleanSupplier ready, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; log " + logFile + ":\n" + logTail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log " + logFile + ":\n" + logTail());
    }

    boolean logContains(String text, long fromByteOffset) {
        try {
            if (!Files.exists(logFile)) {
                return false;
            }
            byte[] log = Files.readAllBytes(logFile);
            int from = (int) Math.min(fromByteOffset, log.length);
            return new String(log, from, log.length - from, java.nio.charset.StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    Path logFile() {
        return logFile;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server", e);
        }
    }
}
