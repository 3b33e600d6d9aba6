package io.mdm.bench.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mdm.backup.domain.ChatMessage;
import io.mdm.bench.BenchJson;
import io.mdm.bench.ConcurrentBatches;
import io.mdm.bench.Endpoints;
import io.mdm.bench.JsonHttp;
import io.mdm.bench.Machine;
import io.mdm.bench.ProcessCpu;
import io.mdm.bench.Report;
import io.mdm.bench.Settings;
import io.mdm.bench.WarmUp;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Benchmark 1, backup ingest: messages per second through the REST API in batches of 100
 * messages of 1 KiB, next to a raw baseline measured in the same run (sealing with Tink plus
 * insertMany of the same documents, without HTTP). Targets on the 2-core machine: at least
 * {@value #TARGET_RATE} messages/s, and at least half of the raw baseline.
 *
 * <p>Arguments: the results file and the {@code .mdm/run} directory of the stack. Parameters:
 * {@code BENCH_BACKUP_BATCHES}, {@code BENCH_BACKUP_WARMUP} (the least warm-up; see {@link WarmUp}, at
 * most {@value #MAX_WARMUP_FACTOR} times as many), {@code BENCH_BACKUP_CLIENTS}.
 */
public final class BackupIngestBenchmark {

    static final int TARGET_RATE = 5_000;
    static final double TARGET_SHARE_OF_RAW = 0.5;
    private static final int MAX_WARMUP_FACTOR = 3;

    private final Endpoints endpoints;
    private final JsonHttp http;
    private final ProcessCpu cpu;
    private final Report report;
    private final int batches;
    private final int warmup;
    private final int clients;

    BackupIngestBenchmark(Endpoints endpoints, JsonHttp http, ProcessCpu cpu, Report report, int batches, int warmup,
                          int clients) {
        this.endpoints = endpoints;
        this.http = http;
        this.cpu = cpu;
        this.report = report;
        this.batches = batches;
        this.warmup = warmup;
        this.clients = clients;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BackupIngestBenchmark <results file> <.mdm/run directory>");
        }
        Map<String, String> environment = System.getenv();
        Settings settings = new Settings(environment);
        Endpoints endpoints = Endpoints.local(environment);
        PrintStream console = System.out;
        Report report = new Report("Backup ingest benchmark", console);
        new BackupIngestBenchmark(endpoints, new JsonHttp(JsonHttp.newClient(), BenchJson.mapper(), endpoints),
                ProcessCpu.of(Path.of(args[1])), report,
                settings.positive("BENCH_BACKUP_BATCHES", 1500),
                settings.positive("BENCH_BACKUP_WARMUP", 1000),
                settings.positive("BENCH_BACKUP_CLIENTS", 4)).run();
        report.writeTo(Path.of(args[0]));
    }

    void run() {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        int messages = batches * MessageBatches.MESSAGES_PER_BATCH;
        report.bullet("MongoDB: " + endpoints.mongoDescription());
        report.bullet("Load average before the run (1/5/15 min): " + Machine.loadAverage());
        report.bullet(String.format("Parameters: %d measured batches of %d messages (%,d messages), at least %d "
                        + "warm-up batches, %d clients in flight, bodies of %d bytes, a new phone of employee %s",
                batches, MessageBatches.MESSAGES_PER_BATCH, messages, warmup, clients, MessageBatches.BODY_BYTES,
                EnrolledDevice.EMPLOYEE_ID));

        report.progress("enrolling a phone through the public API");
        EnrolledDevice device = EnrolledDevice.enroll(http, endpoints);
        // Message ids are random UUIDs; the bodies need no cryptographic randomness, and with
        // SecureRandom, writing the messages took longer than sending them.
        MessageBatches generator = new MessageBatches(new SplittableRandom(), device.employeeId());
        ConcurrentBatches inFlight = new ConcurrentBatches(clients);

        try (MongoClient mongo = MongoClients.create(endpoints.mongoUri())) {
            long stored = mongo.getDatabase("backup").getCollection("messages").estimatedDocumentCount();
            report.bullet(String.format("Messages already in backup.messages before the run: %,d", stored));

            report.progress("REST: warm-up");
            RestIngest rest = new RestIngest(http, endpoints, device, inFlight);
            WarmUp.Result restWarmUp = warmUp(() -> rest.bodies(generator.next(WarmUp.ROUND_BATCHES)), rest::upload);
            report.bullet("REST: " + restWarmUp.describe());
            report.progress("REST: measuring");
            List<byte[]> restBatches = rest.bodies(generator.next(batches));
            Map<String, Long> restBefore = cpu.snapshot();
            ConcurrentBatches.Timing restTiming = rest.upload(restBatches);
            Map<String, Double> restCpu = ProcessCpu.secondsBetween(restBefore, cpu.snapshot());

            report.progress("raw baseline: warm-up and measuring");
            ConcurrentBatches.Timing rawTiming;
            Map<String, Double> rawCpu;
            try (RawIngest raw = new RawIngest(mongo, "bench_raw_" + runId.replace('-', '_'), device.employeeId(),
                    device.deviceId(), inFlight)) {
                WarmUp.Result rawWarmUp = warmUp(() -> generator.next(WarmUp.ROUND_BATCHES), raw::store);
                report.bullet("Raw baseline: " + rawWarmUp.describe());
                // The embedded server's cost per insert grows with the index it goes into: the
                // scratch collection is topped up to as many messages as backup.messages held
                // when the REST measurement began, so that both measured windows start on an
                // index of the same size.
                long restStart = stored + (long) restWarmUp.batches() * MessageBatches.MESSAGES_PER_BATCH;
                int topUp = (int) Math.max(0, restStart / MessageBatches.MESSAGES_PER_BATCH - rawWarmUp.batches());
                for (int done = 0; done < topUp; done += WarmUp.ROUND_BATCHES) {
                    raw.store(generator.next(Math.min(WarmUp.ROUND_BATCHES, topUp - done)));
                }
                report.bullet(String.format("Messages in backup.messages when the REST measurement began: %,d; in the "
                        + "raw baseline's scratch collection when its measurement began: %,d (warm-up and top-up, not "
                        + "measured)", restStart, (long) (rawWarmUp.batches() + topUp) * MessageBatches.MESSAGES_PER_BATCH));
                List<List<ChatMessage>> rawBatches = generator.next(batches);
                Map<String, Long> rawBefore = cpu.snapshot();
                rawTiming = raw.store(rawBatches);
                rawCpu = ProcessCpu.secondsBetween(rawBefore, cpu.snapshot());
            }
            results(messages, restTiming, rawTiming);
            int cores = Runtime.getRuntime().availableProcessors();
            report.section("Where the CPU went during the REST run (" + String.format("%.1f", restTiming.seconds()) + " s)");
            report.cpuTable(restCpu, restTiming.seconds(), cores, messages, "message");
            report.section("Where the CPU went during the raw baseline (" + String.format("%.1f", rawTiming.seconds())
                    + " s)");
            report.cpuTable(rawCpu, rawTiming.seconds(), cores, messages, "message");
        }
        report.line("");
        report.bullet("Load average after the run (1/5/15 min): " + Machine.loadAverage());
    }

    private <T> WarmUp.Result warmUp(Supplier<T> prepareRound, Consumer<T> round) {
        return WarmUp.run(cpu, warmup, warmup * MAX_WARMUP_FACTOR, prepareRound, round);
    }

    private void results(int messages, ConcurrentBatches.Timing rest, ConcurrentBatches.Timing raw) {
        double restRate = messages / rest.seconds();
        double rawRate = messages / raw.seconds();
        double share = restRate / rawRate;
        report.section("Results");
        report.line("| path | messages | seconds | messages/s | batch p50 ms | batch p99 ms |");
        report.line("|---|---:|---:|---:|---:|---:|");
        report.line(row("REST API (POST /api/v1/backup/messages)", messages, rest));
        report.line(row("raw baseline (MessageSealer + insertMany, no HTTP)", messages, raw));
        report.line("");
        report.bullet(String.format("REST / raw: %.2f", share));
        report.bullet(String.format("Target at least %,d messages/s through REST: %s (%,.0f)", TARGET_RATE,
                restRate >= TARGET_RATE ? "met" : "MISSED", restRate));
        report.bullet(String.format("Target REST at least %.0f %% of raw: %s (%.0f %%)", TARGET_SHARE_OF_RAW * 100,
                share >= TARGET_SHARE_OF_RAW ? "met" : "MISSED", share * 100));
    }

    private static String row(String path, int messages, ConcurrentBatches.Timing timing) {
        return String.format("| %s | %,d | %.2f | %,.0f | %.1f | %.1f |", path, messages, timing.seconds(),
                messages / timing.seconds(), timing.percentileMillis(50), timing.percentileMillis(99));
    }
}
