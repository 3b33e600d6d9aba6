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
    /**
     * Suffix of the entry that holds the CPU of a process's JIT compiler threads, already counted
     * in the process's own entry: while they are busy, the process still runs code that is not
     * compiled yet.
     */
    public static final String COMPILERS = " JIT compilers";

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
        for (Map.Entry<String, Long> root : roots.entrySet()) {
            List<Long> tree = tree(root.getValue(), parents);
            used.put(root.getKey(), tree.stream().mapToLong(pid -> ticks.getOrDefault(pid, 0L)).sum());
            used.put(root.getKey() + COMPILERS, tree.stream().mapToLong(ProcessCpu::compilerThreadTicks).sum());
        }
        used.put(MACHINE, machineBusyTicks());
        return used;
    }

    /** Whether an entry is a process of ours (not the machine, not a process's compilers). */
    public static boolean isProcess(String name) {
        return !name.equals(MACHINE) && !name.endsWith(COMPILERS);
    }

    /** The CPU seconds of our processes, from {@link #secondsBetween}. */
    public static double processSeconds(Map<String, Double> seconds) {
        return seconds.entrySet().stream().filter(e -> isProcess(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }

    /**
     * The share of the stack's CPU (this benchmark's process left out) that went to its JIT
     * compilers, from {@link #secondsBetween}.
     */
    public static double stackCompilerShare(Map<String, Double> seconds) {
        double compilers = 0;
        double stack = 0;
        for (Map.Entry<String, Double> entry : seconds.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(BENCHMARK) || name.equals(MACHINE)) {
                continue;
            }
            if (name.endsWith(COMPILERS)) {
                compilers += entry.getValue();
            } else {
                stack += entry.getValue();
            }
        }
        return stack == 0 ? 0 : compilers / stack;
    }

    /** CPU seconds per process name between two snapshots. */
    public static Map<String, Double> secondsBetween(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        // A compiler thread that ended takes its ticks with it (the JVM starts and stops some on demand).
        after.forEach((name, ticks) -> seconds.put(name,
                Math.max(0, ticks - before.getOrDefault(name, ticks)) / TICKS_PER_SECOND));
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

    /** CPU ticks of a process's HotSpot compiler threads ("C1 CompilerThread0", shortened by Linux). */
    private static long compilerThreadTicks(long pid) {
        try (Stream<Path> tasks = Files.list(PROC.resolve(Long.toString(pid)).resolve("task"))) {
            return tasks.mapToLong(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                        return 0;
                    }
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    return 0; // The thread ended while it was read.
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return 0; // The process ended.
        }
    }

    private static List<Long> tree(long root, Map<Long, Long> parents) {
        List<Long> tree = new ArrayList<>();
        List<Long> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            long pid = pending.removeLast();
            tree.add(pid);
            parents.forEach((child, parent) -> {
                if (parent == pid) {
                    pending.add(child);
                }
            });
        }
        return tree;
    }
}
