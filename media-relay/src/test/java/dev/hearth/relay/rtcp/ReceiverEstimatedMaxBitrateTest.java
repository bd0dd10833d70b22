package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiverEstimatedMaxBitrateTest {
    /** 1 Mbit/s = 250000 << 2: exponent 2, mantissa 0x3d090. */
    static final byte[] REMB = hex("8fce0005 00000001 00000000 52454d42 010bd090 00000002");

    @Test
    void parsesHandComputedBytes() {
        assertTrue(ReceiverEstimatedMaxBitrate.isRemb(REMB, 0, REMB.length));
        assertEquals(new ReceiverEstimatedMaxBitrate(1, 1_000_000, List.of(2L)),
                ReceiverEstimatedMaxBitrate.parse(REMB, 0, REMB.length));
    }

    @Test
    void writesHandComputedBytes() {
        ReceiverEstimatedMaxBitrate remb = new ReceiverEstimatedMaxBitrate(1, 1_000_000, List.of(2L));
        byte[] out = new byte[remb.length()];
        assertEquals(24, remb.writeTo(out, 0));
        assertArrayEquals(REMB, out);
    }

    @Test
    void roundsDownToEighteenBitsOfMantissa() {
        ReceiverEstimatedMaxBitrate remb = new ReceiverEstimatedMaxBitrate(1, 2_500_001, List.of(2L, 3L));
        byte[] out = new byte[remb.length()];
        remb.writeTo(out, 0);
        ReceiverEstimatedMaxBitrate parsed = ReceiverEstimatedMaxBitrate.parse(out, 0, out.length);
        assertEquals(2_500_000, parsed.bitrate(), "2500001 >> 4 = 156250, back << 4");
        assertEquals(List.of(2L, 3L), parsed.ssrcs());
        ReceiverEstimatedMaxBitrate small = new ReceiverEstimatedMaxBitrate(1, 262_143, List.of());
        byte[] smallOut = new byte[small.length()];
        small.writeTo(smallOut, 0);
        assertEquals(small, ReceiverEstimatedMaxBitrate.parse(smallOut, 0, smallOut.length));
    }

    @Test
    void otherApplicationFeedbackIsNotRemb() {
        byte[] other = REMB.clone();
        other[12] = 'X';
        assertFalse(ReceiverEstimatedMaxBitrate.isRemb(other, 0, other.length));
        assertNull(ReceiverEstimatedMaxBitrate.parse(other, 0, other.length));
    }

    @Test
    void rejectsSsrcListPastThePacket() {
        byte[] lying = REMB.clone();
        lying[16] = 2;
        assertNull(ReceiverEstimatedMaxBitrate.parse(lying, 0, lying.length));
    }

    @Test
    void rejectsBitrateThatOverflows() {
        byte[] huge = REMB.clone();
        huge[17] = (byte) 0xFF; // exponent 63, mantissa high bits set
        assertNull(ReceiverEstimatedMaxBitrate.parse(huge, 0, huge.length));
    }
}
