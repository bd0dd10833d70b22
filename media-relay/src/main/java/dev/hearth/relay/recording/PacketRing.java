package dev.hearth.relay.recording;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the packet loop hands a recording's writer thread: a single-producer, single-consumer ring allocated once,
 * so recording a packet costs one copy into memory that is reused, no allocation, no lock and never a wait. Entries
 * (packet or mark) live in a fixed array; packet bytes in one byte ring beside it, each packet contiguous (one that
 * would straddle the end starts again at the front, the gap freed with it). A full ring refuses a packet, and the
 * caller counts it as dropped. Marks and tracks have {@code controlReserve} entries of their own, so a pause, a stop
 * or a new track still gets in while packets are being refused.
 *
 * <p>The producer publishes an entry by advancing {@code head} (a volatile write after filling it); the consumer
 * frees it by advancing {@code tail} and {@code dataTail}, after which the producer may reuse the space.
 */
final class PacketRing {

    /** One slot; the consumer reads it between {@link #peek} and {@link #release}. */
    static final class Entry {
        RecordType type;
        int index;
        long nanos;
        int offset;
        int length;
        TrackDescriptor track;
        CompletableFuture<Void> done;
        private long dataEnd;
    }

    private final Entry[] entries;
    private final int maxPackets;
    private final byte[] data;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dataTail = new AtomicLong();
    /** Producer side only. */
    private long dataHead;

    PacketRing(int maxPackets, int dataBytes, int controlReserve) {
        if (maxPackets < 1 || dataBytes < 1 || controlReserve < 1) {
            throw new IllegalArgumentException("ring sizes must be positive");
        }
        this.maxPackets = maxPackets;
        this.entries = new Entry[maxPackets + controlReserve];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new Entry();
        }
        this.data = new byte[dataBytes];
    }

    // ---- producer (the packet loop) ----

    /** Copies one packet in; false when the ring has no room for it (then nothing changed). */
    boolean offerRtp(int track, long nanos, byte[] array, int offset, int length) {
        long h = head.get();
        if (h - tail.get() >= maxPackets || length > data.length) {
            return false;
        }
        long start = dataHead;
        int at = (int) (start % data.length);
        if (at + length > data.length) {
            start += data.length - at;
            at = 0;
        }
        if (start + length - dataTail.get() > data.length) {
            return false;
        }
        System.arraycopy(array, offset, data, at, length);
        Entry entry = entries[(int) (h % entries.length)];
        entry.type = RecordType.RTP;
        entry.index = track;
        entry.nanos = nanos;
        entry.offset = at;
        entry.length = length;
        entry.dataEnd = start + length;
        dataHead = start + length;
        head.set(h + 1);
        return true;
    }

    /** A track or a mark; false only when even the reserve is full (the writer has stopped taking anything). */
    boolean offerControl(RecordType type, int index, long nanos, TrackDescriptor track, CompletableFuture<Void> done) {
        long h = head.get();
        if (h - tail.get() >= entries.length) {
            return false;
        }
        Entry entry = entries[(int) (h % entries.length)];
        entry.type = type;
        entry.index = index;
        entry.nanos = nanos;
        entry.offset = 0;
        entry.length = 0;
        entry.track = track;
        entry.done = done;
        entry.dataEnd = dataHead;
        head.set(h + 1);
        return true;
    }

    // ---- consumer (the writer thread) ----

    /** The oldest entry, or null when the ring is empty. */
    Entry peek() {
        long t = tail.get();
        return t == head.get() ? null : entries[(int) (t % entries.length)];
    }

    /** The bytes of packet entries: {@code data()[entry.offset]} onwards, {@code entry.length} of them. */
    byte[] data() {
        return data;
    }

    /** Frees the entry {@link #peek} returned, with its bytes. */
    void release() {
        long t = tail.get();
        Entry entry = entries[(int) (t % entries.length)];
        long end = entry.dataEnd;
        entry.track = null;
        entry.done = null;
        dataTail.set(end);
        tail.set(t + 1);
    }

    boolean isEmpty() {
        return tail.get() == head.get();
    }
}
