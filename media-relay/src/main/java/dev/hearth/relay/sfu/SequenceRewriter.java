package dev.hearth.relay.sfu;

/**
 * Maps a producer's sequence numbers and timestamps into a consumer's own continuous spaces. The mapping is an
 * offset per source, so reordered and retransmitted packets map exactly as their neighbours did. When the source
 * changes (a producer restarted with a new SSRC, new random sequence numbers and timestamps) the offsets are chosen
 * again so that the subscriber sees the next sequence number and a timestamp advanced by the wall time that passed:
 * to its jitter buffer the restart looks like a short pause, not a new stream.
 */
final class SequenceRewriter {
    private static final long TS_MASK = 0xFFFF_FFFFL;
    private static final long NO_SOURCE = -1;

    private long source = NO_SOURCE;
    private int sequenceOffset;
    private long timestampOffset;
    private int highestOut;
    private long highestOutTimestamp;
    private long highestOutNanos;
    private long packets;
    private long octets;

    /**
     * @param initialSequence  first sequence number of the consumer's stream (random, RFC 3550 section 5.1)
     * @param initialTimestamp first timestamp of the consumer's stream (random)
     */
    SequenceRewriter(int initialSequence, long initialTimestamp) {
        this.highestOut = (initialSequence - 1) & 0xFFFF;
        this.highestOutTimestamp = initialTimestamp & TS_MASK;
    }

    /**
     * Prepares the mapping for one packet of {@code ssrc}; afterwards {@link #sequence} and {@link #timestamp} give
     * the rewritten values.
     */
    void accept(long ssrc, int sequence, long timestamp, long nowNanos, int clockRate) {
        if (ssrc != source) {
            rebase(ssrc, sequence, timestamp, nowNanos, clockRate);
        }
        int out = (sequence + sequenceOffset) & 0xFFFF;
        if (isNewer(out, highestOut)) {
            highestOut = out;
            highestOutTimestamp = (timestamp + timestampOffset) & TS_MASK;
            highestOutNanos = nowNanos;
        }
    }

    private void rebase(long ssrc, int sequence, long timestamp, long nowNanos, int clockRate) {
        long elapsedTicks = source == NO_SOURCE ? 0
                : Math.max(1, (nowNanos - highestOutNanos) / 1_000_000 * clockRate / 1000);
        int nextSequence = (highestOut + 1) & 0xFFFF;
        long nextTimestamp = (highestOutTimestamp + elapsedTicks) & TS_MASK;
        sequenceOffset = (nextSequence - sequence) & 0xFFFF;
        timestampOffset = (nextTimestamp - timestamp) & TS_MASK;
        source = ssrc;
    }

    int sequence(int producerSequence) {
        return (producerSequence + sequenceOffset) & 0xFFFF;
    }

    long timestamp(long producerTimestamp) {
        return (producerTimestamp + timestampOffset) & TS_MASK;
    }

    /** The producer sequence number a consumer sequence number came from, for the current source. */
    int producerSequence(int consumerSequence) {
        return (consumerSequence - sequenceOffset) & 0xFFFF;
    }

    /** True once a packet of {@code ssrc} has been mapped, so its SR and NACKs can be translated. */
    boolean isMapping(long ssrc) {
        return source == ssrc;
    }

    void countSent(int payloadBytes) {
        packets++;
        octets += payloadBytes;
    }

    /** Packets sent on the consumer's SSRC, for its sender reports. */
    long packets() {
        return packets;
    }

    /** Payload octets sent on the consumer's SSRC, for its sender reports. */
    long octets() {
        return octets;
    }

    /** RFC 1982 serial number comparison for 16-bit sequence numbers. */
    static boolean isNewer(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        return diff != 0 && diff < 0x8000;
    }
}
