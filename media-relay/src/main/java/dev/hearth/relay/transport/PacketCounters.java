package dev.hearth.relay.transport;

import java.util.EnumMap;
import java.util.Map;

/**
 * Datagram counters of one transport (or of one loop's share of the port for packets no transport owns). Written
 * only on the owning packet event loop; other threads read them for metrics, so the fields are volatile-free longs that may be a
 * moment stale but never torn on a 64-bit JVM.
 */
public final class PacketCounters {

    private long received;
    private long sent;
    private final long[] dropped = new long[DropReason.values().length];

    /** A new set holding the totals of {@code parts}. */
    static PacketCounters sum(Iterable<PacketCounters> parts) {
        PacketCounters total = new PacketCounters();
        for (PacketCounters part : parts) {
            total.received += part.received;
            total.sent += part.sent;
            for (int i = 0; i < total.dropped.length; i++) {
                total.dropped[i] += part.dropped[i];
            }
        }
        return total;
    }

    void received() {
        received++;
    }

    void sent() {
        sent++;
    }

    void dropped(DropReason reason) {
        dropped[reason.ordinal()]++;
    }

    /** Adds {@code other}'s counts to these; on the packet loop, which owns both. */
    void add(PacketCounters other) {
        received += other.received;
        sent += other.sent;
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] += other.dropped[i];
        }
    }

    /** Datagrams accepted for processing (STUN checks, DTLS records, SRTP/SRTCP packets delivered). */
    public long receivedCount() {
        return received;
    }

    public long sentCount() {
        return sent;
    }

    public long droppedCount(DropReason reason) {
        return dropped[reason.ordinal()];
    }

    public long droppedTotal() {
        long total = 0;
        for (long count : dropped) {
            total += count;
        }
        return total;
    }

    public Map<DropReason, Long> droppedByReason() {
        Map<DropReason, Long> map = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            if (dropped[reason.ordinal()] > 0) {
                map.put(reason, dropped[reason.ordinal()]);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "PacketCounters[received=" + received + ", sent=" + sent + ", dropped=" + droppedByReason() + "]";
    }
}
