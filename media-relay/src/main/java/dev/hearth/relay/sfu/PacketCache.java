package dev.hearth.relay.sfu;

/**
 * The last {@value #SLOTS} packets of a video producer, kept to answer subscribers' NACKs. Slots are preallocated
 * and indexed by sequence number, so storing is one copy and no allocation; a slot remembers which sequence number
 * it holds, so a lookup never returns a packet from an earlier lap of the ring. Packets larger than
 * {@value #SLOT_BYTES} bytes are not kept (a NACK for them goes unanswered, like one for an expired packet).
 *
 * <p>Memory: {@value #SLOTS} x {@value #SLOT_BYTES} bytes, about 750 kB per video producer; 512 packets are five
 * seconds of 1 Mbps video, far more than the one or two round trips a retransmission is still useful for.
 */
final class PacketCache {
    static final int SLOTS = 512;
    static final int SLOT_BYTES = 1500;
    private static final int MASK = SLOTS - 1;
    private static final int EMPTY = -1;

    private final byte[] data = new byte[SLOTS * SLOT_BYTES];
    private final int[] lengths = new int[SLOTS];
    private final int[] sequences = new int[SLOTS];

    PacketCache() {
        java.util.Arrays.fill(sequences, EMPTY);
    }

    /** Keeps a copy of the plain packet; false when it is too large to keep. */
    boolean store(int sequenceNumber, byte[] array, int offset, int length) {
        int slot = sequenceNumber & MASK;
        if (length > SLOT_BYTES) {
            sequences[slot] = EMPTY;
            return false;
        }
        System.arraycopy(array, offset, data, slot * SLOT_BYTES, length);
        lengths[slot] = length;
        sequences[slot] = sequenceNumber;
        return true;
    }

    /** Offset in {@link #data()} of the packet with this sequence number, or -1 when it is not (or no longer) held. */
    int find(int sequenceNumber) {
        int slot = sequenceNumber & MASK;
        return sequences[slot] == (sequenceNumber & 0xFFFF) ? slot * SLOT_BYTES : -1;
    }

    /** Length of the packet {@link #find} located. */
    int lengthAt(int dataOffset) {
        return lengths[dataOffset / SLOT_BYTES];
    }

    byte[] data() {
        return data;
    }

    /** Forgets everything, e.g. when the producer restarts with new sequence numbers. */
    void clear() {
        java.util.Arrays.fill(sequences, EMPTY);
    }
}
