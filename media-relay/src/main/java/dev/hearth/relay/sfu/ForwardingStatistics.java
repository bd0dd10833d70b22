package dev.hearth.relay.sfu;

/**
 * The forwarding path's counters ({@link ForwardingCounter}, all since start) and what is open now, read at one
 * moment on the packet loop; for metrics.
 */
public final class ForwardingStatistics {

    private final long[] counters;
    private final int rooms;
    private final int participants;

    ForwardingStatistics(long[] counters, int rooms, int participants) {
        this.counters = counters.clone();
        this.rooms = rooms;
        this.participants = participants;
    }

    public long count(ForwardingCounter counter) {
        return counters[counter.ordinal()];
    }

    /** Rooms with media on the relay (a router each). */
    public int rooms() {
        return rooms;
    }

    /** Participants with a transport on the relay, over all rooms. */
    public int participants() {
        return participants;
    }
}
