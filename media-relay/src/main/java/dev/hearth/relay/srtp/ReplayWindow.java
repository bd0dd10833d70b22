package dev.hearth.relay.srtp;

/**
 * The sliding replay window of RFC 3711 §3.3.2 over 64 indices: the highest index accepted so far, and a bitmask
 * of which of the 63 indices below it were accepted too. Bit {@code n} stands for {@code highest - n}.
 *
 * <p>Callers ask {@link #admits} before authenticating (cheap rejection) and call {@link #accept} only after the
 * packet authenticated, so forged packets cannot move the window.
 */
final class ReplayWindow {

    static final int SIZE = 64;

    private long highest = -1;
    private long seen;

    /** The highest accepted index, or -1 before the first packet. */
    long highest() {
        return highest;
    }

    boolean admits(long index) {
        if (highest < 0) {
            return true;
        }
        long behind = highest - index;
        if (behind < 0) {
            return true;
        }
        return behind < SIZE && (seen & (1L << behind)) == 0;
    }

    void accept(long index) {
        if (highest < 0) {
            highest = index;
            seen = 1L;
            return;
        }
        long ahead = index - highest;
        if (ahead > 0) {
            seen = ahead >= SIZE ? 1L : (seen << ahead) | 1L;
            highest = index;
        } else {
            seen |= 1L << -ahead;
        }
    }
}
