package dev.hearth.relay.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** The recording tap's ring: bounded, refusing instead of waiting, marks never crowded out, bytes intact. */
class PacketRingTest {

    @Test
    void aFullRingRefusesPacketsUntilTheWriterCatchesUp() {
        PacketRing ring = new PacketRing(4, 1024, 2);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offerRtp(0, i, packet(i, 100), 0, 100));
        }
        assertFalse(ring.offerRtp(0, 4, packet(4, 100), 0, 100), "a fifth packet does not fit");

        PacketRing.Entry first = ring.peek();
        assertEquals(0, first.nanos);
        ring.release();
        assertTrue(ring.offerRtp(0, 5, packet(5, 100), 0, 100), "a freed entry takes the next one");
    }

    @Test
    void packetBytesBoundTheRingToo() {
        PacketRing ring = new PacketRing(100, 1000, 2);
        assertTrue(ring.offerRtp(0, 0, packet(0, 600), 0, 600));
        assertFalse(ring.offerRtp(0, 1, packet(1, 600), 0, 600), "not enough bytes left");
        assertTrue(ring.offerRtp(0, 2, packet(2, 300), 0, 300), "a smaller one still fits");
    }

    @Test
    void marksHaveRoomOfTheirOwnWhilePacketsAreRefused() {
        PacketRing ring = new PacketRing(2, 1024, 2);
        assertTrue(ring.offerRtp(0, 0, packet(0, 10), 0, 10));
        assertTrue(ring.offerRtp(0, 1, packet(1, 10), 0, 10));
        assertFalse(ring.offerRtp(0, 2, packet(2, 10), 0, 10));
        CompletableFuture<Void> done = new CompletableFuture<>();
        assertTrue(ring.offerControl(RecordType.PAUSE, 0, 7, null, done));
        assertTrue(ring.offerControl(RecordType.STOP, 0, 8, null, new CompletableFuture<>()));
        assertFalse(ring.offerControl(RecordType.RESUME, 0, 9, null, null), "the reserve is used up as well");

        ring.release();
        ring.release();
        PacketRing.Entry pause = ring.peek();
        assertEquals(RecordType.PAUSE, pause.type);
        assertSame(done, pause.done);
        assertEquals(7, pause.nanos);
    }

    @Test
    void packetsComeOutInOrderAndIntactAcrossTheWrap() {
        PacketRing ring = new PacketRing(8, 1000, 2);
        int next = 0;
        int expected = 0;
        // Sizes that do not divide the ring, so packets keep landing at new places and restart at the front.
        for (int round = 0; round < 200; round++) {
            while (ring.offerRtp(next % 3, next, packet(next, 130 + next % 7 * 40), 0, 130 + next % 7 * 40)) {
                next++;
            }
            for (int i = 0; i < 3 && !ring.isEmpty(); i++) {
                PacketRing.Entry entry = ring.peek();
                int length = 130 + expected % 7 * 40;
                assertEquals(RecordType.RTP, entry.type);
                assertEquals(expected, entry.nanos);
                assertEquals(expected % 3, entry.index);
                assertEquals(length, entry.length);
                assertTrue(entry.offset + entry.length <= 1000, "a packet never straddles the end");
                assertArrayEquals(packet(expected, length),
                        Arrays.copyOfRange(ring.data(), entry.offset, entry.offset + entry.length));
                ring.release();
                expected++;
            }
        }
        assertTrue(next > 400, "the ring wrapped many times: " + next);
    }

    @Test
    void anEmptyRingHasNothingToPeek() {
        PacketRing ring = new PacketRing(2, 100, 1);
        assertNull(ring.peek());
        assertTrue(ring.isEmpty());
        assertFalse(ring.offerRtp(0, 0, new byte[101], 0, 101), "larger than the whole ring");
    }

    private static byte[] packet(int seed, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }
}
