package io.mdm.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.bench.BenchJson;
import io.mdm.bench.Endpoints;
import io.mdm.bench.JsonHttp;
import io.mdm.bench.Machine;
import io.mdm.bench.ProcessCpu;
import io.mdm.bench.Report;
import io.mdm.bench.Settings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Benchmark 2, audit append: events appended per second through the real path (source events
 * into Kafka, the audit-service's consumer appending them to the log with the Merkle tree
 * update, the log published to {@code mdm.audit.v1}), and the seconds {@code GET /audit/verify}
 * takes for a log of at least 100,000 records. Targets on the 2-core machine: at least
 * {@value #TARGET_RATE} appends/s, and a verification of 100,000 records in under
 * {@value #TARGET_VERIFY_SECONDS} s.
 *
 * <p>Arguments: the results file and the {@code .mdm/run} directory of the stack. Parameters:
 * {@code BENCH_AUDIT_WARMUP}, {@code BENCH_AUDIT_EVENTS}, {@code BENCH_AUDIT_LOG_SIZES} (the sizes the log is filled to and
 * verified at, beside the size the rate leaves), {@code BENCH_AUDIT_VERIFY_RUNS}.
 */
public final class AuditAppendBenchmark {

    static final int TARGET_RATE = 2_000;
    static final int TARGET_VERIFY_SECONDS = 5;

    /** Nothing of ours on the stream for this long ends a phase as incomplete. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** How long the tail keeps reading after the last record, to catch a late duplicate. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration QUIET_FOR = Duration.ofSeconds(3);
    private static final Duration QUIET_AT_MOST = Duration.ofMinutes(3);

    private final Endpoints endpoints;
    private final JsonHttp http;
    private final ObjectMapper json;
    private final ProcessCpu cpu;
    private final Report report;
    private final int warmup;
    private final int events;
    private final List<Integer> logSizes;
    private final int verifyRuns;
    private final int cores = Runtime.getRuntime().availableProcessors();

    AuditAppendBenchmark(Endpoints endpoints, JsonHttp http, ObjectMapper json, ProcessCpu cpu, Report report,
                         int warmup, int events, List<Integer> logSizes, int verifyRuns) {
        this.endpoints = endpoints;
        this.http = http;
        this.json = json;
        this.cpu = cpu;
        this.report = report;
        this.warmup = warmup;
        this.events = events;
        this.logSizes = logSizes;
        this.verifyRuns = verifyRuns;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AuditAppendBenchmark <results file> <.mdm/run directory>");
        }
        Map<String, String> environment = System.getenv();
        Settings settings = new Settings(environment);
        Endpoints endpoints = Endpoints.local(environment);
        ObjectMapper json = BenchJson.mapper();
        PrintStream console = System.out;
        Report report = new Report("Audit append benchmark", console);
        new AuditAppendBenchmark(endpoints, new JsonHttp(JsonHttp.newClient(), json, endpoints), json,
                ProcessCpu.of(Path.of(args[1])), report,
                settings.positive("BENCH_AUDIT_WARMUP", 10_000),
                settings.positive("BENCH_AUDIT_EVENTS", 20_000),
                settings.positiveList("BENCH_AUDIT_LOG_SIZES", List.of(50_000, 100_000)),
                settings.positive("BENCH_AUDIT_VERIFY_RUNS", 3)).run();
        report.writeTo(Path.of(args[0]));
    }

    void run() {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        report.bullet("MongoDB: " + endpoints.mongoDescription());
        report.bullet("Load average before the run (1/5/15 min): " + Machine.loadAverage());
        report.bullet(String.format("Parameters: %,d warm-up events, then %,d events for the rate; the log verified %d times at the size "
                        + "the rate leaves, then filled the same way to at least %s records and verified at each; "
                        + "events mdm.device.command-acknowledged on mdm.device.v1, source %s, ids bench-%s-<n>",
                warmup, events, verifyRuns, logSizes.stream().map(n -> String.format("%,d", n))
                        .collect(Collectors.joining(" and ")), SourceEventFeed.SOURCE, runId));
        awaitQuietStream();
        report.bullet(String.format("Log size before the run (latest checkpoint): %,d records", checkpointedSize()));

        try (SourceEventFeed feed = new SourceEventFeed(endpoints.kafkaBootstrapServers(), json, runId)) {
            // The services' hot paths are interpreted code until the JIT has seen them run: as for
            // the backup benchmark, a warm-up the report leaves out.
            report.progress(String.format("warming up with %,d events", warmup));
            Phase warm = appendPhase(feed, warmup);
            report.bullet(String.format("Warm-up: %,d events, %,.0f appends/s end to end (not the figure)",
                    warmup, warm.appendsPerSecond()));
            report.progress(String.format("appending %,d events", events));
            Phase rate = appendPhase(feed, events);
            report.section("Append rate (Kafka in, log append with tree update, Kafka out)");
            phaseResults(rate);
            report.bullet(String.format("Target at least %,d appends/s: %s (%,.0f)", TARGET_RATE,
                    rate.appendsPerSecond() >= TARGET_RATE ? "met" : "MISSED", rate.appendsPerSecond()));
            report.line("");
            report.line("Where the CPU went (from the first send until the tail stopped reading):");
            report.line("");
            report.cpuTable(rate.cpu(), rate.cpuWallSeconds(), cores, events, "append");

            verify();
            long size = rate.seen().highestSeq() + 1;
            for (int target : logSizes) {
                if (size >= target) {
                    continue;
                }
                report.progress(String.format("filling the log from about %,d to %,d records", size, target));
                Phase fill = appendPhase(feed, (int) (target - size));
                report.section(String.format("Filling the log to %,d records", target));
                phaseResults(fill);
                report.line("");
                report.cpuTable(fill.cpu(), fill.cpuWallSeconds(), cores, fill.events(), "append");
                verify();
                size = fill.seen().highestSeq() + 1;
            }
        }
        report.line("");
        report.bullet("Load average after the run (1/5/15 min): " + Machine.loadAverage());
    }

    private record Phase(int events, long producedNanos, AuditStreamTail.Observation seen, long startNanos,
                         Instant startedAt, Map<String, Double> cpu, double cpuWallSeconds) {

        double seconds() {
            return (seen.lastSeenNanos() - startNanos) / 1e9;
        }

        double appendsPerSecond() {
            return seen.missing() == 0 ? events / seconds() : 0;
        }
    }

    private Phase appendPhase(SourceEventFeed feed, int count) {
        ExecutorService tailThread = Executors.newSingleThreadExecutor();
        try (AuditStreamTail tail = new AuditStreamTail(endpoints.kafkaBootstrapServers(), json)) {
            List<SourceEventFeed.Outgoing> outgoing = feed.prepare(count);
            Set<String> ids = outgoing.stream().map(SourceEventFeed.Outgoing::id).collect(Collectors.toUnmodifiableSet());
            Map<String, Long> cpuBefore = cpu.snapshot();
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            Future<AuditStreamTail.Observation> watching = tailThread.submit(() -> tail.await(ids, IDLE_TIMEOUT, SETTLE));
            feed.send(outgoing);
            long produced = System.nanoTime() - start;
            AuditStreamTail.Observation seen = watching.get();
            Map<String, Double> cpuUsed = ProcessCpu.secondsBetween(cpuBefore, cpu.snapshot());
            return new Phase(count, produced, seen, start, startedAt, cpuUsed, (System.nanoTime() - start) / 1e9);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading mdm.audit.v1 failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            tailThread.shutdownNow();
        }
    }

    private void phaseResults(Phase phase) {
        AuditStreamTail.Observation seen = phase.seen();
        report.bullet(String.format("Events: %,d; producer done (all acknowledged) after %.2f s (%,.0f events/s)",
                phase.events(), phase.producedNanos() / 1e9, phase.events() / (phase.producedNanos() / 1e9)));
        if (seen.missing() > 0) {
            report.bullet(String.format("INCOMPLETE: %,d of %,d records seen on mdm.audit.v1 before nothing came for "
                    + "%d s; %,d missing", seen.seen(), seen.expected(), IDLE_TIMEOUT.toSeconds(), seen.missing()));
            return;
        }
        double appendedSeconds = Duration.between(phase.startedAt(), seen.lastAppendedAt()).toMillis() / 1e3;
        report.bullet(String.format("All %,d records on mdm.audit.v1 after %.2f s: **%,.0f appends/s** end to end "
                        + "(first record after %.2f s)", seen.seen(), phase.seconds(), phase.appendsPerSecond(),
                (seen.firstSeenNanos() - phase.startNanos()) / 1e9));
        report.bullet(String.format("Appended to the log (by the records' own time) after %.2f s: %,.0f appends/s "
                        + "into the log; the stream published the last one %.2f s later", appendedSeconds,
                phase.events() / appendedSeconds, phase.seconds() - appendedSeconds));
        report.bullet(String.format("Missing: %d; duplicated in the log (one event, two seqs): %d; redelivered "
                + "on the stream (same seq twice, allowed): %d; highest seq seen %,d", seen.missing(),
                seen.duplicatedInLog(), seen.redeliveries(), seen.highestSeq()));
    }

    /** Times {@code GET /audit/verify}; a failure is reported, not thrown, so the other figures stay. */
    private void verify() {
        report.progress("verifying the log " + verifyRuns + " times");
        List<Double> seconds = new ArrayList<>();
        long size = -1;
        String failure = null;
        Map<String, Long> cpuBefore = cpu.snapshot();
        long start = System.nanoTime();
        for (int i = 0; i < verifyRuns && failure == null; i++) {
            String token = http.userToken("sam");
            long began = System.nanoTime();
            try {
                JsonNode verification = http.get(endpoints.audit().resolve("audit/verify"), token, 200);
                seconds.add((System.nanoTime() - began) / 1e9);
                size = verification.path("size").asLong();
                if (!verification.path("valid").asBoolean(false)) {
                    failure = "the log did not verify: " + verification;
                }
            } catch (IllegalStateException e) {
                failure = String.format("after %.2f s: %s", (System.nanoTime() - began) / 1e9, e.getMessage());
            }
        }
        Map<String, Double> cpuUsed = ProcessCpu.secondsBetween(cpuBefore, cpu.snapshot());
        double wall = (System.nanoTime() - start) / 1e9;
        report.section(size < 0 ? "Verification (GET /api/v1/audit/verify, as sam)"
                : String.format("Verification of %,d records (GET /api/v1/audit/verify, as sam)", size));
        if (failure != null) {
            report.bullet("FAILED " + failure);
        }
        if (!seconds.isEmpty()) {
            List<Double> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);
            double median = sorted.get((sorted.size() - 1) / 2);
            report.bullet(String.format("Log size verified: %,d records%s", size, failure == null ? " (valid)" : ""));
            report.bullet("Runs (s): " + seconds.stream().map(s -> String.format("%.2f", s))
                    .collect(Collectors.joining(", ")));
            report.bullet(String.format("**Best %.2f s, median %.2f s** (%,.0f records/s at the median)",
                    sorted.getFirst(), median, size / median));
            if (size >= 100_000 && failure == null) {
                report.bullet(String.format("Target 100,000 records in under %d s: %s", TARGET_VERIFY_SECONDS,
                        median < TARGET_VERIFY_SECONDS ? "met (median)" : "MISSED (median)"));
            }
        } else {
            report.bullet(String.format("Target 100,000 records in under %d s: MISSED (no verification succeeded)",
                    TARGET_VERIFY_SECONDS));
        }
        report.line("");
        report.line("Where the CPU went during the verifications:");
        report.line("");
        report.cpuTable(cpuUsed, wall, cores);
    }

    /** The tree size of the latest signed checkpoint (signed at most 10 s or 100 records behind the head), 0 if none. */
    private long checkpointedSize() {
        String token = http.userToken("sam");
        try {
            return http.get(endpoints.audit().resolve("audit/checkpoints/latest"), token, 200).path("treeSize").asLong();
        } catch (IllegalStateException e) {
            return 0;
        }
    }

    /**
     * Waits until the audit-service has published what it was still appending (e.g. the backup
     * benchmark's events), so that the rate measures only this run's events.
     */
    private void awaitQuietStream() {
        try (AuditStreamTail tail = new AuditStreamTail(endpoints.kafkaBootstrapServers(), json)) {
            Instant deadline = Instant.now().plus(QUIET_AT_MOST);
            long last = tail.endOffsetSum();
            Instant stableSince = Instant.now();
            while (Instant.now().isBefore(deadline)) {
                pause();
                long now = tail.endOffsetSum();
                if (now != last) {
                    last = now;
                    stableSince = Instant.now();
                } else if (Duration.between(stableSince, Instant.now()).compareTo(QUIET_FOR) >= 0) {
                    return;
                }
            }
            report.bullet("Note: mdm.audit.v1 was still growing after " + QUIET_AT_MOST.toMinutes()
                    + " minutes of waiting; other appends ran during the measurement.");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
