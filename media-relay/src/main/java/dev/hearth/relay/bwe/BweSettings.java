package dev.hearth.relay.bwe;

/**
 * The bounds of one subscriber's estimate, in bits per second. The start is deliberately moderate: high enough for a
 * 360p layer and audio straight away, low enough not to flood a weak home link before the first feedback arrives;
 * probing finds out quickly whether there is more.
 */
public record BweSettings(long startBps, long minBps, long maxBps) {
    public static final long DEFAULT_START_BPS = 1_000_000;
    public static final long DEFAULT_MIN_BPS = 30_000;
    public static final long DEFAULT_MAX_BPS = 4_000_000;

    public BweSettings {
        if (minBps <= 0 || minBps > startBps || startBps > maxBps) {
            throw new IllegalArgumentException("need 0 < min <= start <= max");
        }
    }

    public static BweSettings defaults() {
        return new BweSettings(DEFAULT_START_BPS, DEFAULT_MIN_BPS, DEFAULT_MAX_BPS);
    }

    long clamp(long bps) {
        return Math.max(minBps, Math.min(maxBps, bps));
    }
}
