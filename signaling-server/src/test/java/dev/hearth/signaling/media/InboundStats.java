package dev.hearth.signaling.media;

/** What one receiver saw of one remote participant's track of one kind (summed over its SSRCs). */
public record InboundStats(long packetsReceived, long packetsLost, long framesDecoded, long bytesReceived) {

    static final InboundStats NONE = new InboundStats(0, 0, 0, 0);

    InboundStats plus(InboundStats other) {
        return new InboundStats(packetsReceived + other.packetsReceived, packetsLost + other.packetsLost,
                framesDecoded + other.framesDecoded, bytesReceived + other.bytesReceived);
    }

    /** Lost packets as a share of all packets that were expected (received + lost). */
    double lossRatio() {
        long expected = packetsReceived + Math.max(0, packetsLost);
        return expected == 0 ? 0 : (double) Math.max(0, packetsLost) / expected;
    }
}
