package dev.hearth.relay.srtp;

/**
 * A small bounded open-addressing map from int SSRC to per-stream state, so the packet path neither boxes SSRCs
 * nor walks a tree. Linear probing over a power-of-two table at most half full; no removal, because a context
 * lives only as long as its DTLS session and its SSRC count is bounded. The last hit is cached, since packets
 * of one stream tend to come in runs.
 */
final class SsrcMap<V> {

    private final int[] keys;
    private final Object[] values;
    private final int mask;
    private final int shift;
    private final int limit;
    private int size;
    private int lastKey;
    private Object lastValue;

    SsrcMap(int limit) {
        if (limit < 1 || limit > 1 << 20) {
            throw new IllegalArgumentException("SSRC limit must be between 1 and 2^20, was " + limit);
        }
        int capacity = Integer.highestOneBit(limit * 2 - 1) << 1;
        this.keys = new int[capacity];
        this.values = new Object[capacity];
        this.mask = capacity - 1;
        this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
        this.limit = limit;
    }

    @SuppressWarnings("unchecked")
    V get(int ssrc) {
        if (lastValue != null && lastKey == ssrc) {
            return (V) lastValue;
        }
        for (int slot = slot(ssrc); values[slot] != null; slot = (slot + 1) & mask) {
            if (keys[slot] == ssrc) {
                lastKey = ssrc;
                lastValue = values[slot];
                return (V) lastValue;
            }
        }
        return null;
    }

    boolean isFull() {
        return size >= limit;
    }

    int size() {
        return size;
    }

    /** Adds a mapping for an SSRC the caller knows is absent; returns false if the map is full. */
    boolean putNew(int ssrc, V value) {
        if (isFull()) {
            return false;
        }
        int slot = slot(ssrc);
        while (values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = ssrc;
        values[slot] = value;
        size++;
        return true;
    }

    private int slot(int ssrc) {
        // Fibonacci hashing: SSRCs are random, but tests and some senders use small consecutive values.
        return (ssrc * 0x9E3779B9) >>> shift;
    }
}
