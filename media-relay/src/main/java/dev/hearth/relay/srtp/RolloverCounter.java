package dev.hearth.relay.srtp;

/**
 * Packet index estimation of RFC 3711 §3.3.1 and Appendix A: a 16-bit sequence number plus the 32-bit rollover
 * counter (ROC) make the 48-bit index {@code ROC * 2^16 + SEQ}. The ROC of an arriving packet is guessed from the
 * highest index seen so far, assuming the packet is within half the sequence space of it.
 */
final class RolloverCounter {

    /** The largest 48-bit index; beyond it the keys must be replaced. */
    static final long MAX_INDEX = (1L << 48) - 1;

    private static final int HALF = 1 << 15;

    private RolloverCounter() {
    }

    /**
     * The index of a packet with sequence number {@code seq}, given the highest index seen ({@code -1} for none,
     * in which case the ROC starts at zero). A negative result means the packet would belong before ROC zero, so
     * it can only be stale; a result above {@link #MAX_INDEX} means the ROC ran out.
     */
    static long estimate(long highest, int seq) {
        if (highest < 0) {
            return seq;
        }
        long roc = highest >>> 16;
        int last = (int) (highest & 0xffff);
        long guess;
        if (last < HALF) {
            guess = seq - last > HALF ? roc - 1 : roc;
        } else {
            guess = last - HALF > seq ? roc + 1 : roc;
        }
        return guess << 16 | seq;
    }
}
