package io.mdm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a list of batches with a fixed number of threads, each taking the next batch as soon as
 * its previous one is done (so at most {@code threads} batches are in flight), and times the
 * whole run and every batch. The first failure stops the run.
 */
public final class ConcurrentBatches {

    /** What to do with one batch; its duration is the batch's latency. */
    @FunctionalInterface
    public interface BatchAction<T> {
        void run(T batch) throws Exception;
    }

    /** The wall time of a run and the latency of each of its batches. */
    public record Timing(long elapsedNanos, long[] latencyNanos) {

        public double seconds() {
            return elapsedNanos / 1e9;
        }

        /** Nearest-rank percentile of the batch latencies, in milliseconds. */
        public double percentileMillis(double percentile) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    private final int threads;

    public ConcurrentBatches(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
    }

    public <T> Timing run(List<T> batches, BatchAction<T> action) {
        long[] latencies = new long[batches.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        try {
                            action.run(batches.get(i));
                        } catch (Exception | Error e) {
                            // The other workers take no new batch once one failed.
                            next.set(batches.size());
                            throw e;
                        }
                        latencies[i] = System.nanoTime() - began;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                await(worker);
            }
            return new Timing(System.nanoTime() - start, latencies);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<?> worker) {
        try {
            worker.get(Duration.ofHours(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the run did not end within an hour", e);
        }
    }
}
