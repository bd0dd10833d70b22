package dev.hearth.relay.sfu;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds gaps in a video producer's sequence numbers and decides which to NACK upstream, so a loss between the
 * publisher and the relay is repaired once for every subscriber. Bounded on every side: at most {@value #MAX_MISSING}
 * outstanding numbers, a gap wider than {@value #MAX_GAP} is treated as a jump (nothing worth repairing),
 * {@value #MAX_RETRIES} requests per number, no faster than every {@value #RETRY_MILLIS} ms.
 */
final class NackRequester {
    static final int MAX_MISSING = 64;
    static final int MAX_GAP = 100;
    static final int MAX_RETRIES = 3;
    static final long RETRY_MILLIS = 40;
    private static final long RETRY_NANOS = RETRY_MILLIS * 1_000_000L;

    private final int[] sequences = new int[MAX_MISSING];
    private final long[] lastRequestNanos = new long[MAX_MISSING];
    private final int[] retries = new int[MAX_MISSING];
    private int count;
    private boolean started;
    private int highest;

    void onPacket(int sequence) {
        if (!started) {
            started = true;
            highest = sequence;
            return;
        }
        int ahead = (sequence - highest) & 0xFFFF;
        if (ahead == 0) {
            return;
        }
        if (ahead >= 0x8000) {
            remove(sequence); // late: a retransmission or reordering filled the gap
            return;
        }
        if (ahead > MAX_GAP) {
            count = 0;
        } else {
            for (int s = (highest + 1) & 0xFFFF; s != sequence; s = (s + 1) & 0xFFFF) {
                add(s);
            }
        }
        highest = sequence;
    }

    /** The sequence numbers to request now; each counts as one retry. */
    List<Integer> due(long nowNanos) {
        List<Integer> due = new ArrayList<>();
        for (int i = 0; i < count; ) {
            if (retries[i] >= MAX_RETRIES) {
                removeAt(i);
                continue;
            }
            if (retries[i] == 0 || nowNanos - lastRequestNanos[i] >= RETRY_NANOS) {
                retries[i]++;
                lastRequestNanos[i] = nowNanos;
                due.add(sequences[i]);
            }
            i++;
        }
        return due;
    }

    int outstanding() {
        return count;
    }

    private void add(int sequence) {
        if (count == MAX_MISSING) {
            removeAt(0); // the oldest is the least likely to still be useful
        }
        sequences[count] = sequence;
        retries[count] = 0;
        lastRequestNanos[count] = 0;
        count++;
    }

    private void remove(int sequence) {
        for (int i = 0; i < count; i++) {
            if (sequences[i] == sequence) {
                removeAt(i);
                return;
            }
        }
    }

    private void removeAt(int i) {
        int tail = count - i - 1;
        System.arraycopy(sequences, i + 1, sequences, i, tail);
        System.arraycopy(lastRequestNanos, i + 1, lastRequestNanos, i, tail);
        System.arraycopy(retries, i + 1, retries, i, tail);
        count--;
    }
}
