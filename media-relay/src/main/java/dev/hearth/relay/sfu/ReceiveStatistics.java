package dev.hearth.relay.sfu;

import dev.hearth.relay.rtcp.ReportBlock;

/**
 * Reception statistics of one producer's stream as RFC 3550 appendix A.1, A.3 and A.8 define them, and the report
 * block the relay sends the publisher from them.
 */
final class ReceiveStatistics {
    /** A.1: a jump forward of fewer packets than this is loss; more is a restart of the sequence. */
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private final int clockRate;
    private boolean initialized;
    private int baseSequence;
    private int maxSequence;
    private long cycles;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private long lastSenderReport;
    private long lastSenderReportNanos;

    ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    void update(int sequence, long timestamp, long arrivalNanos) {
        if (!initialized) {
            restart(sequence);
            initialized = true;
        } else {
            int delta = (sequence - maxSequence) & 0xFFFF;
            if (delta < MAX_DROPOUT) {
                if (sequence < maxSequence) {
                    cycles += 0x10000;
                }
                maxSequence = sequence;
            } else if (delta <= 0x10000 - MAX_MISORDER) {
                restart(sequence);
            }
            // else: a duplicate or a reordered packet; counted as received, as A.3 does.
        }
        received++;
        long arrival = (long) (arrivalNanos / 1e9 * clockRate);
        long transit = arrival - timestamp;
        if (received > 1) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
    }

    private void restart(int sequence) {
        baseSequence = sequence;
        maxSequence = sequence;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    void onSenderReport(long compactNtp, long arrivalNanos) {
        lastSenderReport = compactNtp;
        lastSenderReportNanos = arrivalNanos;
    }

    boolean hasData() {
        return initialized;
    }

    long extendedHighestSequence() {
        return cycles + maxSequence;
    }

    /** The report block for the publisher; advances the interval used for the fraction lost. */
    ReportBlock report(long ssrc, long nowNanos) {
        long expected = extendedHighestSequence() - baseSequence + 1;
        long lost = Math.max(-0x80_0000, Math.min(0x7F_FFFF, expected - received));
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long delay = lastSenderReportNanos == 0 && lastSenderReport == 0 ? 0
                : (nowNanos - lastSenderReportNanos) * 65536 / 1_000_000_000L;
        return new ReportBlock(ssrc, fraction, (int) lost, extendedHighestSequence() & 0xFFFF_FFFFL,
                (long) jitter & 0xFFFF_FFFFL, lastSenderReport, Math.max(0, delay) & 0xFFFF_FFFFL);
    }
}
