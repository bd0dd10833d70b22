package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportCcFeedbackTest {
    /**
     * Base 100, reference 1 (64 ms), feedback count 3: 100 at +250 µs, 101 lost, 102 750 µs later. One-bit status
     * vector 1,0,1 = 0xa800; small deltas 1 and 3; 24 bytes, no padding.
     */
    static final byte[] ONE_BIT_VECTOR = hex("8fcd0005 00000001 00000002 00640003 00000103 a8000103");

    /**
     * Base 65535, reference 2 (128 ms): 65535 at the reference (small 0), 0 one ms earlier (large -4), 1 at +100 ms
     * (large 400). Two-bit vector 1,2,2 = 0xda00; 27 bytes padded to 28 with P set.
     */
    static final byte[] TWO_BIT_VECTOR = hex("afcd0006 00000001 00000002 ffff0003 00000200 da0000ff fc019001");

    @Test
    void writesHandComputedOneBitVector() {
        byte[] bytes = TransportCcFeedbackWriter.encode(1, 2, 100, 64_000, 3, List.of(
                PacketReceipt.received(100, 64_250), PacketReceipt.lost(101), PacketReceipt.received(102, 65_000)));
        assertArrayEquals(ONE_BIT_VECTOR, bytes);
    }

    @Test
    void parsesHandComputedOneBitVector() {
        TransportCcFeedback feedback = TransportCcFeedback.parse(ONE_BIT_VECTOR, 0, ONE_BIT_VECTOR.length);
        assertEquals(new TransportCcFeedback(1, 2, 100, 1, 3, List.of(
                PacketReceipt.received(100, 64_250), PacketReceipt.lost(101), PacketReceipt.received(102, 65_000))),
                feedback);
    }

    @Test
    void writesHandComputedTwoBitVectorWithPadding() {
        byte[] bytes = TransportCcFeedbackWriter.encode(1, 2, 65535, 128_000, 0, List.of(
                PacketReceipt.received(65535, 128_000), PacketReceipt.received(0, 127_000),
                PacketReceipt.received(1, 227_000)));
        assertArrayEquals(TWO_BIT_VECTOR, bytes);
        assertEquals(List.of(
                PacketReceipt.received(65535, 128_000), PacketReceipt.received(0, 127_000),
                PacketReceipt.received(1, 227_000)),
                TransportCcFeedback.parse(bytes, 0, bytes.length).receipts());
    }

    @Test
    void longRunsUseRunLengthChunks() {
        List<PacketReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            receipts.add(PacketReceipt.received(i, 64_000 + 250L * (i + 1)));
        }
        byte[] bytes = TransportCcFeedbackWriter.encode(1, 2, 0, 64_000, 0, receipts);
        assertEquals(0x20, bytes[20] & 0xFF, "run-length chunk, symbol small delta");
        assertEquals(0x14, bytes[21] & 0xFF, "run of 20");
        assertEquals(44, bytes.length, "20 + 2 + 20 deltas, padded");
        assertEquals(receipts, TransportCcFeedback.parse(bytes, 0, bytes.length).receipts());
    }

    @Test
    void gapsBecomeNotReceivedRuns() {
        TransportCcFeedbackWriter writer = new TransportCcFeedbackWriter(1, 2, 500, 640_000, 9);
        assertTrue(writer.addReceived(500, 640_000));
        assertTrue(writer.addReceived(601, 650_000));
        assertEquals(102, writer.packetStatusCount());
        byte[] out = new byte[writer.length()];
        writer.writeTo(out, 0);
        TransportCcFeedback feedback = TransportCcFeedback.parse(out, 0, out.length);
        assertEquals(102, feedback.receipts().size());
        assertEquals(PacketReceipt.received(601, 650_000), feedback.receipts().get(101));
        assertFalse(feedback.receipts().get(50).received());
        assertEquals(10, feedback.referenceTime());
        assertEquals(9, feedback.feedbackPacketCount());
    }

    @Test
    void refusesReceiptsItCannotExpress() {
        TransportCcFeedbackWriter writer = new TransportCcFeedbackWriter(1, 2, 10, 0, 0);
        assertTrue(writer.addReceived(12, 1_000));
        assertFalse(writer.addReceived(11, 2_000), "sequence went backwards");
        assertFalse(writer.addReceived(12, 2_000), "duplicate");
        assertFalse(writer.addReceived(13, 1_000 + 9_000_000), "delta beyond 8.19 s");
        assertTrue(writer.addReceived(13, 1_000 + 8_000_000));
        assertThrows(IllegalArgumentException.class, () -> TransportCcFeedbackWriter.encode(1, 2, 5, 0, 0,
                List.of(PacketReceipt.received(6, 0), PacketReceipt.received(5, 0))));
        assertThrows(IllegalStateException.class, () -> TransportCcFeedbackWriter.encode(1, 2, 5, 0, 0, List.of()));
    }

    @Test
    void randomReceiptsRoundTripAtQuarterMillisecondResolution() {
        Random random = new Random(2016);
        for (int round = 0; round < 300; round++) {
            int base = random.nextInt(65536);
            long reference = 64_000L * random.nextInt(1000);
            long time = reference;
            List<PacketReceipt> receipts = new ArrayList<>();
            int count = 1 + random.nextInt(300);
            for (int i = 0; i < count; i++) {
                int sequence = (base + i) & 0xFFFF;
                if (random.nextInt(4) == 0) {
                    receipts.add(PacketReceipt.lost(sequence));
                    continue;
                }
                int kind = random.nextInt(10);
                long delta = kind == 0 ? -250L * random.nextInt(100) : kind == 1
                        ? 250L * random.nextInt(30_000) : 250L * random.nextInt(256);
                time += delta;
                receipts.add(PacketReceipt.received(sequence, time));
            }
            byte[] bytes = TransportCcFeedbackWriter.encode(7, 8, base, reference, round, receipts);
            assertEquals(0, bytes.length % 4);
            TransportCcFeedback parsed = TransportCcFeedback.parse(bytes, 0, bytes.length);
            assertEquals(receipts, parsed.receipts(), "round " + round);
            assertEquals(base, parsed.baseSequenceNumber());
            assertEquals(round & 0xFF, parsed.feedbackPacketCount());
        }
    }

    @Test
    void rejectsTruncatedDeltasAndReservedSymbols() {
        // Three received packets claimed but only two delta bytes are there.
        byte[] missingDelta = hex("8fcd0005 00000001 00000002 00640003 00000103 b8000103");
        assertNull(TransportCcFeedback.parse(missingDelta, 0, missingDelta.length));
        byte[] reserved = hex("8fcd0005 00000001 00000002 00640001 00000103 60010000");
        assertNull(TransportCcFeedback.parse(reserved, 0, reserved.length));
        byte[] noChunks = hex("8fcd0004 00000001 00000002 00640003 00000103");
        assertNull(TransportCcFeedback.parse(noChunks, 0, noChunks.length));
    }
}
