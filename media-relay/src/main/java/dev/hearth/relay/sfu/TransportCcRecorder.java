package dev.hearth.relay.sfu;

import dev.hearth.relay.rtcp.TransportCcFeedbackWriter;

import java.util.function.IntConsumer;

/**
 * Remembers when each transport-wide sequence number of one publish transport arrived, and turns the arrivals since
 * the last report into transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01), which is what
 * a browser's send-side bandwidth estimator ramps up on. Recording is two array stores; the feedback packets are
 * built on the periodic tick, not per packet.
 *
 * <p>The window is bounded: a jump of more than {@value #WINDOW} sequence numbers forgets what was pending, so a
 * hostile or restarted sender cannot make the relay report thousands of losses.
 */
final class TransportCcRecorder {
    static final int WINDOW = 1024;
    private static final int MASK = WINDOW - 1;
    private static final long NONE = Long.MIN_VALUE;

    private final long[] arrivalMicros = new long[WINDOW];
    private final long epochNanos;
    private boolean started;
    /** Extended (32-bit and beyond) sequence numbers, so wrap-around is plain arithmetic. */
    private long nextToReport;
    private long highest;
    private int feedbackCount;
    private long lastArrivalMicros;

    TransportCcRecorder(long epochNanos) {
        this.epochNanos = epochNanos;
        java.util.Arrays.fill(arrivalMicros, NONE);
    }

    void record(int sequence, long arrivalNanos) {
        long micros = Math.max(0, (arrivalNanos - epochNanos) / 1000);
        lastArrivalMicros = micros;
        if (!started) {
            started = true;
            nextToReport = sequence;
            highest = sequence;
            arrivalMicros[sequence & MASK] = micros;
            return;
        }
        long extended = extend(sequence);
        if (extended < nextToReport) {
            return; // already reported (as lost); the sender has moved on
        }
        if (extended - nextToReport >= WINDOW) {
            java.util.Arrays.fill(arrivalMicros, NONE);
            nextToReport = extended;
            highest = extended;
        } else if (extended > highest) {
            highest = extended;
        }
        arrivalMicros[(int) (extended & MASK)] = micros;
    }

    /** The extension of a 16-bit sequence number closest to the highest one seen. */
    private long extend(int sequence) {
        long candidate = (highest & ~0xFFFFL) | sequence;
        if (candidate - highest > 0x8000) {
            candidate -= 0x10000;
        } else if (highest - candidate > 0x8000) {
            candidate += 0x10000;
        }
        return candidate;
    }

    boolean hasPending() {
        return started && nextToReport <= highest;
    }

    /**
     * Writes feedback for everything recorded since the last call, as one or more packets handed to {@code sink}
     * (the length written at {@code scratch[0]}). Packets that never arrived are reported lost.
     */
    void flush(long senderSsrc, long mediaSsrc, byte[] scratch, IntConsumer sink) {
        if (!hasPending()) {
            return;
        }
        TransportCcFeedbackWriter writer = null;
        for (long seq = nextToReport; seq <= highest; seq++) {
            int slot = (int) (seq & MASK);
            long arrival = arrivalMicros[slot];
            arrivalMicros[slot] = NONE;
            if (writer != null && add(writer, seq, arrival)) {
                if (writer.length() > scratch.length - 16) {
                    emit(writer, scratch, sink);
                    writer = null;
                }
                continue;
            }
            if (writer != null) {
                emit(writer, scratch, sink);
            }
            // Deltas count from the reference time; a fresh packet starts from the last arrival known.
            writer = newWriter(senderSsrc, mediaSsrc, seq, arrival == NONE ? lastArrivalMicros : arrival);
            add(writer, seq, arrival);
        }
        if (writer != null) {
            emit(writer, scratch, sink);
        }
        nextToReport = highest + 1;
    }

    private static boolean add(TransportCcFeedbackWriter writer, long seq, long arrival) {
        int sequence = (int) (seq & 0xFFFF);
        return arrival == NONE ? writer.addLost(sequence) : writer.addReceived(sequence, arrival);
    }

    private TransportCcFeedbackWriter newWriter(long senderSsrc, long mediaSsrc, long base, long referenceMicros) {
        return new TransportCcFeedbackWriter(senderSsrc, mediaSsrc, (int) (base & 0xFFFF), referenceMicros,
                feedbackCount++);
    }

    private static void emit(TransportCcFeedbackWriter writer, byte[] scratch, IntConsumer sink) {
        int length = writer.writeTo(scratch, 0);
        sink.accept(length);
    }
}
