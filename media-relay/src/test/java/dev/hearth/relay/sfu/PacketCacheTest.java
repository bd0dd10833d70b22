package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketCacheTest {
    private final PacketCache cache = new PacketCache();

    @Test
    void returnsAStoredPacketBySequenceNumber() {
        byte[] packet = {1, 2, 3, 4, 5};
        cache.store(65535, packet, 1, 3);
        int at = cache.find(65535);
        assertArrayEquals(new byte[] {2, 3, 4}, Arrays.copyOfRange(cache.data(), at, at + cache.lengthAt(at)));
    }

    @Test
    void aPacketOverwrittenByALaterLapIsGone() {
        cache.store(5, new byte[] {1}, 0, 1);
        cache.store(5 + PacketCache.SLOTS, new byte[] {2}, 0, 1);
        assertEquals(-1, cache.find(5));
        assertEquals(2, cache.data()[cache.find(5 + PacketCache.SLOTS)]);
    }

    @Test
    void oversizedPacketsAndClearedCachesHoldNothing() {
        assertFalse(cache.store(9, new byte[PacketCache.SLOT_BYTES + 1], 0, PacketCache.SLOT_BYTES + 1));
        assertEquals(-1, cache.find(9));
        cache.store(10, new byte[] {1}, 0, 1);
        cache.clear();
        assertEquals(-1, cache.find(10));
        assertEquals(-1, cache.find(0), "an empty slot never matches sequence 0");
    }
}
