package dev.hearth.relay.bwe;

/**
 * What the relay sent to one subscriber, by transport-wide sequence number: send time, size and probe cluster, and
 * what feedback has said of it. A fixed ring of {@link #CAPACITY} slots indexed by the unwrapped sequence number, so
 * recording a send and looking one up allocate nothing; feedback for a packet older than the ring is ignored (at
 * 2 Mbit/s of 1200-byte packets the ring holds about 40 s, far more than any feedback delay).
 */
final class SendHistory {
    static final int CAPACITY = 1 << 13;
    private static final int MASK = CAPACITY - 1;

    static final byte SENT = 0;
    static final byte REPORTED_LOST = 1;
    static final byte RECEIVED = 2;

    private final long[] sequence = new long[CAPACITY];
    private final long[] sendTimeMicros = new long[CAPACITY];
    private final int[] size = new int[CAPACITY];
    private final int[] probeCluster = new int[CAPACITY];
    private final byte[] state = new byte[CAPACITY];
    private final SequenceUnwrapper unwrapper = new SequenceUnwrapper();

    SendHistory() {
        java.util.Arrays.fill(sequence, -1);
    }

    /** @param probeClusterId the probe cluster the packet belongs to, or -1 for media */
    void sent(int sequence16, long sendTimeMicros, int sizeBytes, int probeClusterId) {
        long unwrapped = unwrapper.unwrap(sequence16);
        int slot = (int) (unwrapped & MASK);
        sequence[slot] = unwrapped;
        this.sendTimeMicros[slot] = sendTimeMicros;
        size[slot] = sizeBytes;
        probeCluster[slot] = probeClusterId;
        state[slot] = SENT;
    }

    /** The slot holding {@code sequence16}, or -1 when it was never sent or has been overwritten. */
    int find(int sequence16) {
        long unwrapped = unwrapper.peek(sequence16);
        if (unwrapped < 0) {
            return -1;
        }
        int slot = (int) (unwrapped & MASK);
        return sequence[slot] == unwrapped ? slot : -1;
    }

    long sendTimeMicros(int slot) {
        return sendTimeMicros[slot];
    }

    int size(int slot) {
        return size[slot];
    }

    int probeCluster(int slot) {
        return probeCluster[slot];
    }

    byte state(int slot) {
        return state[slot];
    }

    void setState(int slot, byte newState) {
        state[slot] = newState;
    }
}
