package dev.hearth.relay.bwe;

/**
 * Extends 16-bit transport sequence numbers to a monotonic 64-bit count: each number is taken as the one nearest the
 * last seen, so a wrap from 65535 to 0 continues upwards and a late (reordered) number steps back a little.
 */
final class SequenceUnwrapper {
    private long last = -1;

    long unwrap(int sequence16) {
        int s = sequence16 & 0xFFFF;
        if (last < 0) {
            last = s;
            return s;
        }
        long unwrapped = last + (short) (s - (int) (last & 0xFFFF));
        if (unwrapped > last) {
            last = unwrapped;
        }
        return unwrapped;
    }

    /** The unwrapped value nearest the highest seen, without moving it (for numbers only read, never sent). */
    long peek(int sequence16) {
        if (last < 0) {
            return -1;
        }
        return last + (short) ((sequence16 & 0xFFFF) - (int) (last & 0xFFFF));
    }
}
