package dev.hearth.relay.bwe;

/**
 * The rate the subscriber actually received, from acknowledged packets by arrival time (as libwebrtc's
 * BitrateEstimator): bytes are summed over windows of {@link #WINDOW_MICROS} ({@link #INITIAL_WINDOW_MICROS} until
 * the first estimate) and each window's rate is merged into the estimate in proportion to how far it lies from it,
 * so a single bursty window moves the estimate little. Unknown ({@code -1}) until the first window closes.
 */
final class AckedBitrateEstimator {
    static final long INITIAL_WINDOW_MICROS = 500_000;
    static final long WINDOW_MICROS = 150_000;
    private static final double UNCERTAINTY_SCALE = 10;
    private static final double VARIANCE_GROWTH = 5;

    private long windowStartMicros = -1;
    private long lastArrivalMicros = -1;
    private long bytesInWindow;
    private double estimateKbps = -1;
    private double varianceKbps = 50;

    void add(long arrivalMicros, int sizeBytes) {
        long window = estimateKbps < 0 ? INITIAL_WINDOW_MICROS : WINDOW_MICROS;
        if (lastArrivalMicros >= 0 && arrivalMicros < lastArrivalMicros) {
            // reordered acknowledgement: count its bytes in the current window
            bytesInWindow += sizeBytes;
            return;
        }
        if (windowStartMicros < 0 || arrivalMicros - lastArrivalMicros > window) {
            // first packet, or a silence longer than a window: nothing to measure across the gap
            windowStartMicros = arrivalMicros;
            bytesInWindow = 0;
        }
        lastArrivalMicros = arrivalMicros;
        if (arrivalMicros - windowStartMicros >= window) {
            double sampleKbps = bytesInWindow * 8.0 * 1000 / (arrivalMicros - windowStartMicros);
            merge(sampleKbps);
            windowStartMicros = arrivalMicros;
            bytesInWindow = 0;
        }
        bytesInWindow += sizeBytes;
    }

    private void merge(double sampleKbps) {
        if (estimateKbps < 0) {
            estimateKbps = sampleKbps;
            return;
        }
        double uncertainty = UNCERTAINTY_SCALE * Math.abs(estimateKbps - sampleKbps) / Math.max(estimateKbps, 1);
        double sampleVariance = uncertainty * uncertainty;
        double predictedVariance = varianceKbps + VARIANCE_GROWTH;
        estimateKbps = (sampleVariance * estimateKbps + predictedVariance * sampleKbps)
                / (sampleVariance + predictedVariance);
        varianceKbps = sampleVariance * predictedVariance / (sampleVariance + predictedVariance);
    }

    /** Bits per second, or -1 while unknown. */
    long bps() {
        return estimateKbps < 0 ? -1 : (long) (estimateKbps * 1000);
    }
}
