package dev.hearth.bench.stats;

/**
 * What one receiver saw of one remote stream in a measurement window: how many distinct packets arrived, and the
 * lowest and highest packet numbers among them. Packets numbered between those that never came are lost; a
 * duplicate (a retransmission) is not counted twice.
 */
public final class StreamCount {

    private static final int WINDOW = 4096;

    private final long[] seenBits = new long[WINDOW / 64];
    private long received;
    private long first = -1;
    private long highest = -1;

    /** Returns false for a duplicate of a packet already counted. */
    public boolean record(long number) {
        if (first < 0) {
            first = number;
            highest = number;
        } else if (number < first || number <= highest - WINDOW) {
            return false; // older than the window began: a late duplicate or from before the window
        }
        if (number > highest) {
            for (long n = highest + 1; n < number && n <= highest + WINDOW; n++) {
                clear(n);
            }
            if (number - highest >= WINDOW) {
                java.util.Arrays.fill(seenBits, 0);
            }
            highest = number;
            clear(number);
        }
        int bit = (int) (number % WINDOW);
        long mask = 1L << (bit & 63);
        if ((seenBits[bit >>> 6] & mask) != 0) {
            return false;
        }
        seenBits[bit >>> 6] |= mask;
        received++;
        return true;
    }

    private void clear(long n) {
        int bit = (int) (n % WINDOW);
        seenBits[bit >>> 6] &= ~(1L << (bit & 63));
    }

    public long received() {
        return received;
    }

    /** Packets the sender numbered from the first to the highest seen: what should have arrived. */
    public long expected() {
        return first < 0 ? 0 : highest - first + 1;
    }
}
