package dev.hearth.relay.metrics;

import java.util.concurrent.TimeUnit;

/**
 * How long packets spend inside the relay: from the moment a packet loop read a datagram to the moment the
 * packets it caused were handed to the kernel (the flush after the fan-out). One histogram per loop, written only
 * by that loop, so recording is a bucket search and an increment with no lock, no allocation and no atomic; a
 * metrics scrape reads the counts from another thread, a moment stale at most (longs are never torn on a 64-bit
 * JVM, and a count only grows).
 *
 * <p>The time a datagram waited in the socket's receive queue before the loop read it is not in here: only the
 * kernel could stamp it. A load generator's end-to-end latency shows that part.
 */
public final class TransitHistogram {

    /** Upper bounds of the buckets, in microseconds; the last bucket counts everything slower. */
    private static final long[] BOUNDS_MICROS = {10, 20, 50, 100, 200, 300, 500, 750, 1_000, 2_000, 5_000, 10_000,
            20_000, 50_000, 100_000, 250_000};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_MICROS.length];

    static {
        for (int i = 0; i < BOUNDS_MICROS.length; i++) {
            BOUNDS_NANOS[i] = TimeUnit.MICROSECONDS.toNanos(BOUNDS_MICROS[i]);
        }
    }

    private final long[] counts = new long[BOUNDS_NANOS.length + 1];

    /** Bucket upper bounds in seconds, without the open last bucket; what Prometheus calls {@code le}. */
    public static double[] boundsSeconds() {
        double[] seconds = new double[BOUNDS_MICROS.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = BOUNDS_MICROS[i] / 1e6;
        }
        return seconds;
    }

    /** Counts {@code packets} that each spent {@code nanos} in the relay. Only from the owning loop. */
    public void record(long nanos, int packets) {
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        counts[bucket] += packets;
    }

    /**
     * Packets that spent at most bound {@code index} (0-based, as in {@link #boundsSeconds()}) in the relay; with
     * {@code index == boundsSeconds().length}, all packets.
     */
    public long cumulative(int index) {
        long sum = 0;
        for (int i = 0; i <= index; i++) {
            sum += counts[i];
        }
        return sum;
    }
}
