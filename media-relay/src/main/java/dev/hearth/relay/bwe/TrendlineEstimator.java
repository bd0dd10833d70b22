package dev.hearth.relay.bwe;

/**
 * The delay-gradient filter of libwebrtc's send-side GCC (its TrendlineEstimator, replacing the Kalman filter of
 * draft-ietf-rmcat-gcc-02 section 5.3): the one-way delay variations of consecutive groups are accumulated,
 * exponentially smoothed ({@link #SMOOTHING}), and the least-squares slope of the last {@link #WINDOW} smoothed
 * values against arrival time is the trend. A positive trend means the bottleneck queue grows. The trend, scaled by
 * the number of deltas seen (capped at {@link #MAX_DELTAS_FOR_GAIN}) and {@link #THRESHOLD_GAIN}, goes to the
 * {@link OveruseDetector}.
 */
final class TrendlineEstimator {
    static final int WINDOW = 20;
    static final double SMOOTHING = 0.9;
    static final double THRESHOLD_GAIN = 4.0;
    static final int MAX_DELTAS_FOR_GAIN = 60;
    private static final int MAX_DELTAS = 1000;

    private final double[] x = new double[WINDOW];
    private final double[] y = new double[WINDOW];
    private final OveruseDetector detector = new OveruseDetector();
    private int head;
    private int filled;
    private long firstArrivalMicros = -1;
    private double accumulatedDelayMs;
    private double smoothedDelayMs;
    private double trend;
    private int deltas;

    /** Feeds one group delta; returns the detector's hypothesis afterwards. */
    BandwidthUsage update(long arrivalDeltaMicros, long sendDeltaMicros, long arrivalMicros) {
        double deltaMs = (arrivalDeltaMicros - sendDeltaMicros) / 1000.0;
        deltas = Math.min(deltas + 1, MAX_DELTAS);
        if (firstArrivalMicros < 0) {
            firstArrivalMicros = arrivalMicros;
        }
        accumulatedDelayMs += deltaMs;
        smoothedDelayMs = SMOOTHING * smoothedDelayMs + (1 - SMOOTHING) * accumulatedDelayMs;
        x[head] = (arrivalMicros - firstArrivalMicros) / 1000.0;
        y[head] = smoothedDelayMs;
        head = (head + 1) % WINDOW;
        if (filled < WINDOW) {
            filled++;
        }
        if (filled == WINDOW) {
            trend = slope();
        }
        double modifiedTrend = Math.min(deltas, MAX_DELTAS_FOR_GAIN) * trend * THRESHOLD_GAIN;
        return detector.detect(deltas, modifiedTrend, trend, sendDeltaMicros / 1000.0, arrivalMicros / 1000.0);
    }

    private double slope() {
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < WINDOW; i++) {
            sumX += x[i];
            sumY += y[i];
        }
        double meanX = sumX / WINDOW;
        double meanY = sumY / WINDOW;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < WINDOW; i++) {
            double dx = x[i] - meanX;
            numerator += dx * (y[i] - meanY);
            denominator += dx * dx;
        }
        return denominator == 0 ? trend : numerator / denominator;
    }

    BandwidthUsage state() {
        return detector.state();
    }

    double threshold() {
        return detector.threshold();
    }
}
