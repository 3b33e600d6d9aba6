package io.mdm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by each process of the ./mdm up stack (the pid files in {@code .mdm/run}, each
 * with its child processes: Keycloak's JVM is a child of kc.sh) and by this benchmark, from
 * {@code /proc}. The difference of two snapshots shows where a measured window's CPU went; on
 * a machine with few cores that is most of the answer to "where does the time go".
 */
public final class ProcessCpu {

    public static final String BENCHMARK = "benchmark client";
    /** Every process of the machine, also other people's: what is left over was not ours. */
    public static final String MACHINE = "whole machine";

    /** Linux's USER_HZ; the same on every common architecture. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path PROC = Path.of("/proc");

    private final Map<String, Long> roots;

    private ProcessCpu(Map<String, Long> roots) {
        this.roots = roots;
    }

    /** The processes named by {@code <name>.pid} in {@code runDirectory}, plus this one. */
    public static ProcessCpu of(Path runDirectory) {
        Map<String, Long> roots = new LinkedHashMap<>();
        if (Files.isDirectory(runDirectory)) {
            try (Stream<Path> files = Files.list(runDirectory)) {
                files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().forEach(f -> {
                    try {
                        roots.put(f.getFileName().toString().replace(".pid", ""), Long.parseLong(Files.readString(f).trim()));
                    } catch (IOException | NumberFormatException e) {
                        // A pid file being rewritten: that process is left out of the figures.
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + runDirectory, e);
            }
        }
        roots.put(BENCHMARK, ProcessHandle.current().pid());
        return new ProcessCpu(roots);
    }

    /** CPU ticks used so far per process name, children included. */
    public Map<String, Long> snapshot() {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // The command name may hold spaces and parentheses; the fields follow the last ')'.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    parents.put(pid, Long.parseLong(fields[1]));
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException e) {
                    // The process ended while /proc was read.
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        Map<String, Long> used = new LinkedHashMap<>();
        roots.forEach((name, root) -> used.put(name, treeTicks(root, parents, ticks)));
        used.put(MACHINE, machineBusyTicks());
        return used;
    }

    /** CPU seconds per process name between two snapshots. */
    public static Map<String, Double> secondsBetween(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        after.forEach((name, ticks) -> seconds.put(name, (ticks - before.getOrDefault(name, ticks)) / TICKS_PER_SECOND));
        return seconds;
    }

    /** user, nice, system, irq, softirq and steal time of all cores, from the first line of /proc/stat. */
    private static long machineBusyTicks() {
        try {
            String[] fields = Files.readAllLines(PROC.resolve("stat")).getFirst().trim().split("\\s+");
            return Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                    + Long.parseLong(fields[6]) + Long.parseLong(fields[7]) + Long.parseLong(fields[8]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long treeTicks(long root, Map<Long, Long> parents, Map<Long, Long> ticks) {
        long sum = 0;
        List<Long> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            long pid = pending.removeLast();
            sum += ticks.getOrDefault(pid, 0L);
            parents.forEach((child, parent) -> {
                if (parent == pid) {
                    pending.add(child);
                }
            });
        }
        return sum;
    }
}
