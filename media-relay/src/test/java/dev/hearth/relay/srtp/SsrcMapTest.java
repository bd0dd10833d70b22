package dev.hearth.relay.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SsrcMapTest {

    @Test
    void findsEveryEntryUpToTheLimitIncludingNegativeAndZeroSsrcs() {
        SsrcMap<String> map = new SsrcMap<>(64);
        for (int i = 0; i < 64; i++) {
            assertTrue(map.putNew(i * 0x10000 - 32, "s" + i));
        }

        for (int i = 0; i < 64; i++) {
            assertEquals("s" + i, map.get(i * 0x10000 - 32));
        }
        assertNull(map.get(12345));
        assertTrue(map.isFull());
    }

    @Test
    void refusesEntriesBeyondTheLimit() {
        SsrcMap<String> map = new SsrcMap<>(2);
        map.putNew(1, "a");
        map.putNew(2, "b");

        assertFalse(map.putNew(3, "c"));
        assertNull(map.get(3));
        assertEquals(2, map.size());
    }

    @Test
    void limitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SsrcMap<String>(0));
    }
}
