package io.mdm.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A benchmark's results as Markdown: printed while it runs (so a long run shows progress) and
 * written to {@code bench/results/<name>.md} at the end.
 */
public final class Report {

    private final StringBuilder text = new StringBuilder();
    private final PrintStream console;

    public Report(String title, PrintStream console) {
        this.console = console;
        line("# " + title);
        line("");
        line("- Date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("- Machine: " + Machine.describe());
    }

    public void line(String line) {
        text.append(line).append('\n');
        console.println(line);
    }

    public void bullet(String line) {
        line("- " + line);
    }

    public void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    /** Progress for the console only; the results file keeps the figures. */
    public void progress(String message) {
        console.println("  ... " + message);
    }

    /**
     * A table of CPU seconds per process over a window of {@code wallSeconds}, and what that CPU
     * cost per unit of work means on this machine: a figure that other people's load on a shared
     * machine does not change, unlike the rates.
     */
    public void cpuTable(Map<String, Double> seconds, double wallSeconds, int cores, long units, String unit) {
        cpuTable(seconds, wallSeconds, cores);
        double ours = ProcessCpu.processSeconds(seconds);
        line("");
        line(String.format("CPU of the stack and the client: %.1f s for %,d %s, %.2f ms per %s; with all %d cores "
                        + "and nothing else running, at most about %,.0f %s/s.", ours, units, unit + "s",
                ours * 1000 / units, unit, cores, units * cores / ours, unit + "s"));
    }

    /** A table of CPU seconds per process over a window of {@code wallSeconds}. */
    public void cpuTable(Map<String, Double> seconds, double wallSeconds, int cores) {
        line("| process | CPU s | share of " + cores + " cores | of it, JIT compilers s |");
        line("|---|---:|---:|---:|");
        double ours = 0;
        for (Map.Entry<String, Double> entry : seconds.entrySet()) {
            if (!ProcessCpu.isProcess(entry.getKey())) {
                continue;
            }
            ours += entry.getValue();
            line(String.format("| %s | %.1f | %.0f %% | %.1f |", entry.getKey(), entry.getValue(),
                    100 * entry.getValue() / (wallSeconds * cores),
                    seconds.getOrDefault(entry.getKey() + ProcessCpu.COMPILERS, 0.0)));
        }
        Double machine = seconds.get(ProcessCpu.MACHINE);
        if (machine != null) {
            double others = Math.max(0, machine - ours);
            line(String.format("| everything else on the machine | %.1f | %.0f %% | |", others,
                    100 * others / (wallSeconds * cores)));
            line(String.format("| idle | %.1f | %.0f %% | |", Math.max(0, wallSeconds * cores - machine),
                    100 * Math.max(0, wallSeconds * cores - machine) / (wallSeconds * cores)));
        }
    }

    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        console.println("Results written to " + file);
    }
}
