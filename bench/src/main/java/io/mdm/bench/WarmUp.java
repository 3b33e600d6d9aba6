package io.mdm.bench;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Warm-up that ends when the stack's JVMs have compiled their hot paths, not after a fixed
 * count: on this 2-core machine the JIT compilers of a freshly started stack compete with the
 * load for the same cores, and after a fixed 100,000 messages the first run on a new stack
 * still spent seconds of its measured window compiling (backup-service at up to twice its CPU
 * per message). Rounds run until the JIT compiler threads of the stack's processes used less
 * than {@value #SETTLED_SHARE_PERCENT} % of the stack's CPU in one round, at least
 * {@code minimum} and at most {@code maximum} batches. This benchmark's own JVM is left out: it
 * is new in every run, and the tables show its compilers' share in each measured window.
 */
public final class WarmUp {

    public static final int ROUND_BATCHES = 200;
    static final int SETTLED_SHARE_PERCENT = 5;

    /** How the warm-up ended: batches run, and the compilers' share of the CPU in its last round. */
    public record Result(int batches, double lastCompilerShare) {

        public boolean settled() {
            return lastCompilerShare < SETTLED_SHARE_PERCENT / 100.0;
        }

        public String describe() {
            String ending = settled() ? "until the stack's JIT compilers had settled"
                    : "the most allowed, the stack's JIT compilers still busy";
            return String.format("%,d warm-up batches, %s (its JIT compilers %.1f %% of its CPU in the last round of %d)",
                    batches, ending, lastCompilerShare * 100, ROUND_BATCHES);
        }
    }

    private WarmUp() {
    }

    /**
     * Prepares a round of {@link #ROUND_BATCHES} batches (outside the CPU window: generating
     * messages is not what is being warmed up), runs it, and repeats as described above.
     */
    public static <T> Result run(ProcessCpu cpu, int minimum, int maximum, Supplier<T> prepareRound, Consumer<T> round) {
        int done = 0;
        double share = 1;
        while (done < maximum && (done < minimum || share >= SETTLED_SHARE_PERCENT / 100.0)) {
            T prepared = prepareRound.get();
            Map<String, Long> before = cpu.snapshot();
            round.accept(prepared);
            share = ProcessCpu.stackCompilerShare(ProcessCpu.secondsBetween(before, cpu.snapshot()));
            done += ROUND_BATCHES;
        }
        return new Result(done, share);
    }
}
