package dev.hearth.relay.bwe;

/**
 * The link capacity last seen at over-use, smoothed, with its deviation (libwebrtc's LinkCapacityEstimator): near it
 * the rate control increases additively, far above it the capacity is forgotten and increase is multiplicative again.
 */
final class LinkCapacityEstimator {
    private static final double ALPHA = 0.05;
    private static final double MIN_VARIANCE = 0.4;
    private static final double MAX_VARIANCE = 2.5;

    private double estimateKbps = -1;
    private double varianceKbps = MIN_VARIANCE;

    boolean known() {
        return estimateKbps >= 0;
    }

    long estimateBps() {
        return (long) (estimateKbps * 1000);
    }

    long upperBoundBps() {
        return known() ? (long) ((estimateKbps + 3 * deviationKbps()) * 1000) : Long.MAX_VALUE;
    }

    void onOveruse(long ackedBps) {
        double sample = ackedBps / 1000.0;
        estimateKbps = estimateKbps < 0 ? sample : (1 - ALPHA) * estimateKbps + ALPHA * sample;
        double error = estimateKbps - sample;
        varianceKbps = (1 - ALPHA) * varianceKbps + ALPHA * error * error / Math.max(estimateKbps, 1);
        varianceKbps = Math.max(MIN_VARIANCE, Math.min(MAX_VARIANCE, varianceKbps));
    }

    void reset() {
        estimateKbps = -1;
    }

    private double deviationKbps() {
        return Math.sqrt(varianceKbps * estimateKbps);
    }
}
