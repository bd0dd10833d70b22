package dev.hearth.relay.sfu;

import dev.hearth.relay.srtp.SrtpProfile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@link ForwardBenchmark}'s operation timed in CPU time of the benchmark thread rather than wall time, so that a
 * machine shared with other work (which steals wall time, not this thread's CPU time) still gives comparable
 * figures. Not a test. {@code java -cp <bench classpath> dev.hearth.relay.sfu.ForwardCpuCost [consumers]}.
 */
public final class ForwardCpuCost {
    private static final int OPS = 100_000;
    private static final int WARMUP_ROUNDS = 10;
    private static final int ROUNDS = 10;

    private ForwardCpuCost() {
    }

    public static void main(String[] args) {
        ForwardBenchmark benchmark = new ForwardBenchmark();
        benchmark.consumers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        benchmark.profile = SrtpProfile.AEAD_AES_128_GCM;
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] nanosPerOp = new double[ROUNDS];
        long sink = 0;
        for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPS; i++) {
                sink += benchmark.forward();
            }
            long used = threads.getCurrentThreadCpuTime() - start;
            if (round >= 0) {
                nanosPerOp[round] = (double) used / OPS;
            }
        }
        benchmark.tearDown();
        Arrays.sort(nanosPerOp);
        double median = nanosPerOp[ROUNDS / 2];
        System.out.printf("consumers=%d cpu ns per input packet: min %.0f median %.0f -> %.0f forwarded per CPU-second"
                + " (median) [%d]%n", benchmark.consumers, nanosPerOp[0], median,
                benchmark.consumers * 1e9 / median, sink & 1);
    }
}
