package dev.hearth.relay.bwe;

/**
 * Over-use detection with an adaptive threshold (draft-ietf-rmcat-gcc-02 sections 5.4 and 5.5, in the per-millisecond
 * form libwebrtc uses with its trendline): over-use is signalled once the modified trend has stayed above the
 * threshold for more than {@link #OVERUSING_TIME_MS} and over more than one delta while not decreasing. The threshold
 * follows the trend's magnitude, slowly up ({@link #K_UP}) and faster down ({@link #K_DOWN}), so it neither starves
 * against a concurrent TCP flow nor ignores a real queue; outliers beyond {@link #MAX_ADAPT_OFFSET_MS} do not move it.
 */
final class OveruseDetector {
    static final double K_UP = 0.0087;
    static final double K_DOWN = 0.039;
    static final double INITIAL_THRESHOLD = 12.5;
    static final double MIN_THRESHOLD = 6;
    static final double MAX_THRESHOLD = 600;
    static final double MAX_ADAPT_OFFSET_MS = 15;
    static final double MAX_TIME_DELTA_MS = 100;
    static final double OVERUSING_TIME_MS = 10;

    private double threshold = INITIAL_THRESHOLD;
    private double lastUpdateMs = Double.NaN;
    private double timeOverUsingMs = -1;
    private int overuseCounter;
    private double previousTrend;
    private BandwidthUsage state = BandwidthUsage.NORMAL;

    BandwidthUsage detect(int deltas, double modifiedTrend, double trend, double sendDeltaMs, double nowMs) {
        if (deltas < 2) {
            return state = BandwidthUsage.NORMAL;
        }
        if (modifiedTrend > threshold) {
            timeOverUsingMs = timeOverUsingMs < 0 ? sendDeltaMs / 2 : timeOverUsingMs + sendDeltaMs;
            overuseCounter++;
            if (timeOverUsingMs > OVERUSING_TIME_MS && overuseCounter > 1 && trend >= previousTrend) {
                timeOverUsingMs = 0;
                overuseCounter = 0;
                state = BandwidthUsage.OVERUSING;
            }
        } else if (modifiedTrend < -threshold) {
            timeOverUsingMs = -1;
            overuseCounter = 0;
            state = BandwidthUsage.UNDERUSING;
        } else {
            timeOverUsingMs = -1;
            overuseCounter = 0;
            state = BandwidthUsage.NORMAL;
        }
        previousTrend = trend;
        adaptThreshold(modifiedTrend, nowMs);
        return state;
    }

    private void adaptThreshold(double modifiedTrend, double nowMs) {
        if (Double.isNaN(lastUpdateMs)) {
            lastUpdateMs = nowMs;
        }
        double magnitude = Math.abs(modifiedTrend);
        if (magnitude > threshold + MAX_ADAPT_OFFSET_MS) {
            lastUpdateMs = nowMs;
            return;
        }
        double k = magnitude < threshold ? K_DOWN : K_UP;
        double timeDeltaMs = Math.max(0, Math.min(nowMs - lastUpdateMs, MAX_TIME_DELTA_MS));
        threshold += k * (magnitude - threshold) * timeDeltaMs;
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
        lastUpdateMs = nowMs;
    }

    BandwidthUsage state() {
        return state;
    }

    double threshold() {
        return threshold;
    }
}
