package dev.hearth.relay.bwe;

/**
 * Groups acknowledged packets into bursts and yields the deltas between consecutive groups (draft-ietf-rmcat-gcc-02
 * section 5.2, as libwebrtc's InterArrival): a group is the packets sent within {@link #GROUP_LENGTH_MICROS} of its
 * first; a packet that arrives less than {@link #BURST_DELTA_MICROS} after the previous one while having been sent
 * relatively earlier (the network delivered a burst) joins the current group too, up to
 * {@link #MAX_BURST_DURATION_MICROS}. Packets sent before the current group (reordered) are ignored.
 *
 * <p>After {@link #add} returns true the deltas of the just completed group are in {@link #sendDeltaMicros()},
 * {@link #arrivalDeltaMicros()} and {@link #sizeDeltaBytes()}.
 */
final class InterArrival {
    static final long GROUP_LENGTH_MICROS = 5_000;
    static final long BURST_DELTA_MICROS = 5_000;
    static final long MAX_BURST_DURATION_MICROS = 100_000;
    /** An arrival clock that jumps this much further than our own clock has been reset; start over. */
    static final long ARRIVAL_OFFSET_THRESHOLD_MICROS = 3_000_000;
    static final int REORDERED_RESET_THRESHOLD = 3;

    // current group
    private boolean current;
    private long curFirstSend;
    private long curSend;
    private long curFirstArrival;
    private long curArrival;
    private long curLocal;
    private long curSize;
    // previous completed group
    private boolean previous;
    private long prevSend;
    private long prevArrival;
    private long prevLocal;
    private long prevSize;

    private int consecutiveReordered;
    private long sendDelta;
    private long arrivalDelta;
    private long sizeDelta;

    /**
     * @param sendMicros    our send time of the packet
     * @param arrivalMicros its arrival time on the receiver's clock
     * @param nowMicros     our clock now (detects a receiver clock jump)
     * @return true when a group completed and the deltas are ready
     */
    boolean add(long sendMicros, long arrivalMicros, long nowMicros, int sizeBytes) {
        if (!current) {
            startGroup(sendMicros, arrivalMicros, nowMicros, sizeBytes);
            return false;
        }
        if (sendMicros < curFirstSend) {
            return false;
        }
        boolean ready = false;
        if (isNewGroup(sendMicros, arrivalMicros)) {
            if (previous) {
                sendDelta = curSend - prevSend;
                arrivalDelta = curArrival - prevArrival;
                long localDelta = curLocal - prevLocal;
                if (arrivalDelta - localDelta >= ARRIVAL_OFFSET_THRESHOLD_MICROS) {
                    reset();
                    startGroup(sendMicros, arrivalMicros, nowMicros, sizeBytes);
                    return false;
                }
                if (arrivalDelta < 0) {
                    if (++consecutiveReordered >= REORDERED_RESET_THRESHOLD) {
                        reset();
                        startGroup(sendMicros, arrivalMicros, nowMicros, sizeBytes);
                        return false;
                    }
                } else {
                    consecutiveReordered = 0;
                    sizeDelta = curSize - prevSize;
                    ready = true;
                }
            }
            previous = true;
            prevSend = curSend;
            prevArrival = curArrival;
            prevLocal = curLocal;
            prevSize = curSize;
            startGroup(sendMicros, arrivalMicros, nowMicros, sizeBytes);
            return ready;
        }
        curSend = Math.max(curSend, sendMicros);
        curArrival = Math.max(curArrival, arrivalMicros);
        curLocal = nowMicros;
        curSize += sizeBytes;
        return false;
    }

    private boolean isNewGroup(long sendMicros, long arrivalMicros) {
        if (belongsToBurst(sendMicros, arrivalMicros)) {
            return false;
        }
        return sendMicros - curFirstSend > GROUP_LENGTH_MICROS;
    }

    private boolean belongsToBurst(long sendMicros, long arrivalMicros) {
        long arrivalDeltaNow = arrivalMicros - curArrival;
        long sendDeltaNow = sendMicros - curSend;
        if (sendDeltaNow == 0) {
            return true;
        }
        long propagationDelta = arrivalDeltaNow - sendDeltaNow;
        return propagationDelta < 0 && arrivalDeltaNow <= BURST_DELTA_MICROS
                && arrivalMicros - curFirstArrival < MAX_BURST_DURATION_MICROS;
    }

    private void startGroup(long sendMicros, long arrivalMicros, long nowMicros, int sizeBytes) {
        current = true;
        curFirstSend = sendMicros;
        curSend = sendMicros;
        curFirstArrival = arrivalMicros;
        curArrival = arrivalMicros;
        curLocal = nowMicros;
        curSize = sizeBytes;
    }

    void reset() {
        current = false;
        previous = false;
        consecutiveReordered = 0;
    }

    long sendDeltaMicros() {
        return sendDelta;
    }

    long arrivalDeltaMicros() {
        return arrivalDelta;
    }

    long sizeDeltaBytes() {
        return sizeDelta;
    }

    /** Arrival time of the last packet of the group just completed (the trendline's x axis). */
    long completedArrivalMicros() {
        return prevArrival;
    }
}
