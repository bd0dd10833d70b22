package dev.hearth.relay.bwe;

/**
 * Measures what a probe cluster achieved (as libwebrtc's ProbeBitrateEstimator): the send rate over the cluster's
 * send span (without its last packet's bytes) and the receive rate over its arrival span (without its first
 * packet's bytes). Once {@link #MIN_RECEIVED_FRACTION} of the cluster's packets are acknowledged, the result is the
 * smaller rate; when the receiver got clearly less than was sent (below {@link #UNSATURATED_RATIO}) the path is
 * saturated and the result is {@link #TARGET_UTILIZATION} of the receive rate. Implausible measurements (spans beyond
 * a second, receive more than twice the send rate) give no result. A few fixed slots, nothing allocated.
 */
final class ProbeBitrateEstimator {
    static final double MIN_RECEIVED_FRACTION = 0.8;
    static final double UNSATURATED_RATIO = 0.9;
    static final double TARGET_UTILIZATION = 0.95;
    static final double MAX_VALID_RATIO = 2.0;
    static final long MAX_SPAN_MICROS = 1_000_000;
    private static final int SLOTS = 4;

    private final int[] id = new int[SLOTS];
    private final int[] packets = new int[SLOTS];
    private final int[] expectedPackets = new int[SLOTS];
    private final long[] bytes = new long[SLOTS];
    private final long[] firstSend = new long[SLOTS];
    private final long[] lastSend = new long[SLOTS];
    private final int[] lastSendSize = new int[SLOTS];
    private final long[] firstArrival = new long[SLOTS];
    private final int[] firstArrivalSize = new int[SLOTS];
    private final long[] lastArrival = new long[SLOTS];
    private int nextSlot;

    ProbeBitrateEstimator() {
        java.util.Arrays.fill(id, -1);
    }

    /** Announces a cluster (so results are judged against its size); replaces the oldest slot. */
    void clusterStarted(int clusterId, int minPackets) {
        int s = nextSlot;
        nextSlot = (nextSlot + 1) % SLOTS;
        id[s] = clusterId;
        packets[s] = 0;
        expectedPackets[s] = minPackets;
        bytes[s] = 0;
    }

    /** Adds one acknowledged probe packet; returns the cluster's result so far in bit/s once enough
     * of it is acknowledged (the last one of a feedback is the best), else -1. */
    long add(int clusterId, long sendMicros, long arrivalMicros, int sizeBytes) {
        int s = slotOf(clusterId);
        if (s < 0) {
            return -1;
        }
        if (packets[s] == 0) {
            firstSend[s] = sendMicros;
            lastSend[s] = sendMicros;
            lastSendSize[s] = sizeBytes;
            firstArrival[s] = arrivalMicros;
            firstArrivalSize[s] = sizeBytes;
            lastArrival[s] = arrivalMicros;
        } else {
            if (sendMicros < firstSend[s]) {
                firstSend[s] = sendMicros;
            }
            if (sendMicros >= lastSend[s]) {
                lastSend[s] = sendMicros;
                lastSendSize[s] = sizeBytes;
            }
            if (arrivalMicros < firstArrival[s]) {
                firstArrival[s] = arrivalMicros;
                firstArrivalSize[s] = sizeBytes;
            }
            lastArrival[s] = Math.max(lastArrival[s], arrivalMicros);
        }
        packets[s]++;
        bytes[s] += sizeBytes;
        if (packets[s] < Math.ceil(MIN_RECEIVED_FRACTION * expectedPackets[s])) {
            return -1;
        }
        long sendSpan = lastSend[s] - firstSend[s];
        long receiveSpan = lastArrival[s] - firstArrival[s];
        if (sendSpan <= 0 || sendSpan > MAX_SPAN_MICROS || receiveSpan <= 0 || receiveSpan > MAX_SPAN_MICROS) {
            return -1;
        }
        double sendBps = (bytes[s] - lastSendSize[s]) * 8e6 / sendSpan;
        double receiveBps = (bytes[s] - firstArrivalSize[s]) * 8e6 / receiveSpan;
        if (receiveBps > MAX_VALID_RATIO * sendBps) {
            return -1;
        }
        double result = Math.min(sendBps, receiveBps);
        if (receiveBps < UNSATURATED_RATIO * sendBps) {
            result = TARGET_UTILIZATION * receiveBps;
        }
        return (long) result;
    }

    private int slotOf(int clusterId) {
        for (int s = 0; s < SLOTS; s++) {
            if (id[s] == clusterId) {
                return s;
            }
        }
        return -1;
    }
}
