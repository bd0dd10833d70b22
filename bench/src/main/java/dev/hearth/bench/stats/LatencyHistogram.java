package dev.hearth.bench.stats;

/**
 * Latencies in 10 µs buckets up to 500 ms (anything later counts in the last bucket), with the exact maximum.
 * Not thread-safe: each owner guards its own.
 */
public final class LatencyHistogram {

    private static final int BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 50_000;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxNanos;

    public void record(long nanos) {
        long n = Math.max(0, nanos);
        counts[(int) Math.min(BUCKETS - 1, n / BUCKET_NANOS)]++;
        total++;
        maxNanos = Math.max(maxNanos, n);
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    public long count() {
        return total;
    }

    /** The upper edge of the bucket holding the {@code quantile} (0..1) sample, in nanoseconds; 0 when empty. */
    public long quantileNanos(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(maxNanos, (i + 1L) * BUCKET_NANOS);
            }
        }
        return maxNanos;
    }

    public long maxNanos() {
        return maxNanos;
    }
}
