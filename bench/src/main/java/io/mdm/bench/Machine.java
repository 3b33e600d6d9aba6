package io.mdm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the figures depend on besides the code: cores, memory, the JDK, and how busy the machine
 * already was (it is shared; a build running next to a benchmark halves its figures).
 */
public final class Machine {

    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private Machine() {
    }

    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (nproc), "
                + memoryTotal().map(kib -> String.format("%.1f GiB RAM", kib / 1024.0 / 1024.0)).orElse("RAM unknown")
                + ", JDK " + System.getProperty("java.vm.vendor") + " " + Runtime.version()
                + " (benchmark client)";
    }

    /** The 1, 5 and 15 minute load averages. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(LOADAVG).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Optional<Long> memoryTotal() {
        try {
            return Files.readAllLines(MEMINFO).stream().filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
