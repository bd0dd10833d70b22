package dev.hearth.relay.bwe;

/**
 * The loss-based bound on the target (draft-ietf-rmcat-gcc-02 section 6, with libwebrtc's classic
 * SendSideBandwidthEstimation pacing): over at least {@link #MIN_PACKETS} reported packets, a loss fraction above
 * {@link #HIGH_LOSS} cuts the bound to {@code target × (1 − loss / 2)}, at most once per {@code 300 ms + RTT}; below
 * {@link #LOW_LOSS} the bound rises to 8 % above the lowest target of the last one to two seconds, so it follows
 * the delay-based controller up at its pace without racing ahead of it; in between it holds at the current target.
 * A probe that succeeded lifts it directly.
 */
final class LossBasedController {
    static final double LOW_LOSS = 0.02;
    static final double HIGH_LOSS = 0.10;
    static final int MIN_PACKETS = 20;
    static final double INCREASE_FACTOR = 1.08;
    static final long DECREASE_INTERVAL_MICROS = 300_000;
    private static final long HISTORY_BUCKET_MICROS = 1_000_000;

    private final BweSettings settings;
    private long boundBps;
    private int lost;
    private int expected;
    private long lastDecreaseMicros = -1;
    private double lastLossFraction;
    // the minimum target over the current and the previous one-second bucket
    private long bucketStartMicros = -1;
    private long minThisBucket = Long.MAX_VALUE;
    private long minLastBucket = Long.MAX_VALUE;

    LossBasedController(BweSettings settings) {
        this.settings = settings;
        this.boundBps = settings.maxBps();
    }

    void report(int lostPackets, int expectedPackets) {
        lost += lostPackets;
        expected += expectedPackets;
    }

    /** Records the target the estimator settled on, the base of the next increase. */
    void targetChosen(long targetBps, long nowMicros) {
        if (bucketStartMicros < 0 || nowMicros - bucketStartMicros >= HISTORY_BUCKET_MICROS) {
            minLastBucket = bucketStartMicros < 0 ? targetBps : minThisBucket;
            minThisBucket = Long.MAX_VALUE;
            bucketStartMicros = nowMicros;
        }
        minThisBucket = Math.min(minThisBucket, targetBps);
    }

    /** Updates the bound from the losses reported since the last decision; returns it. */
    long update(long currentTargetBps, long rttMicros, long nowMicros) {
        if (expected < MIN_PACKETS) {
            return boundBps;
        }
        double loss = (double) lost / expected;
        lastLossFraction = loss;
        lost = 0;
        expected = 0;
        if (loss < LOW_LOSS) {
            long base = Math.min(minThisBucket, minLastBucket);
            if (base == Long.MAX_VALUE) {
                base = currentTargetBps;
            }
            boundBps = Math.max((long) (base * INCREASE_FACTOR) + 1_000, currentTargetBps);
        } else if (loss > HIGH_LOSS) {
            if (lastDecreaseMicros < 0 || nowMicros - lastDecreaseMicros >= DECREASE_INTERVAL_MICROS + rttMicros) {
                boundBps = (long) (currentTargetBps * (1 - loss / 2));
                lastDecreaseMicros = nowMicros;
            }
        } else {
            boundBps = currentTargetBps;
        }
        boundBps = settings.clamp(boundBps);
        return boundBps;
    }

    /** A probe measured more than the target: the bound and the base of further increases start from there. */
    void probeSucceeded(long probeBps, long nowMicros) {
        long bps = settings.clamp(probeBps);
        boundBps = Math.max(boundBps, bps);
        minThisBucket = bps;
        minLastBucket = bps;
        bucketStartMicros = nowMicros;
    }

    long boundBps() {
        return boundBps;
    }

    double lastLossFraction() {
        return lastLossFraction;
    }
}
