package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenericNackTest {
    /** PID 100, BLP 0b101: 100, 101 and 103 lost. */
    static final byte[] NACK = hex("81cd0003 00000001 00000002 00640005");

    @Test
    void parsesHandComputedBytesAndExpandsSequenceNumbers() {
        GenericNack nack = GenericNack.parse(NACK, 0, NACK.length);
        assertEquals(new GenericNack(1, 2, List.of(new GenericNack.Item(100, 5))), nack);
        assertEquals(List.of(100, 101, 103), nack.sequenceNumbers());
    }

    @Test
    void packsSequenceNumbersIntoHandComputedBytes() {
        GenericNack nack = GenericNack.ofSequenceNumbers(1, 2, List.of(100, 101, 103));
        byte[] out = new byte[nack.length()];
        nack.writeTo(out, 0);
        assertArrayEquals(NACK, out);
    }

    @Test
    void packingWrapsAroundAndStartsNewItemsBeyondSixteen() {
        GenericNack nack = GenericNack.ofSequenceNumbers(1, 2, List.of(65534, 65535, 0, 0, 20));
        assertEquals(List.of(new GenericNack.Item(65534, 0x0003), new GenericNack.Item(20, 0)), nack.items());
        byte[] out = new byte[nack.length()];
        nack.writeTo(out, 0);
        assertArrayEquals(hex("81cd0004 00000001 00000002 fffe0003 00140000"), out);
        assertEquals(List.of(65534, 65535, 0, 20), GenericNack.parse(out, 0, out.length).sequenceNumbers());
    }

    @Test
    void fullBitmaskCoversSeventeenPackets() {
        List<Integer> seventeen = java.util.stream.IntStream.rangeClosed(10, 26).boxed().toList();
        GenericNack nack = GenericNack.ofSequenceNumbers(1, 2, seventeen);
        assertEquals(List.of(new GenericNack.Item(10, 0xFFFF)), nack.items());
        assertEquals(seventeen, nack.sequenceNumbers());
    }

    @Test
    void visitsSequenceNumbersWithoutBuildingARecord() {
        List<Integer> seen = new java.util.ArrayList<>();
        assertEquals(3, GenericNack.forEachSequenceNumber(NACK, 0, NACK.length, seen::add));
        assertEquals(List.of(100, 101, 103), seen);
        assertEquals(-1, GenericNack.forEachSequenceNumber(PictureLossIndicationTest.PLI, 0, 12, seen::add));
    }

    @Test
    void mediaSsrcIsRetargetedInPlace() {
        byte[] copy = NACK.clone();
        RtcpFeedback.setMediaSsrc(copy, 0, 0x12345678L);
        assertEquals(0x12345678L, GenericNack.parse(copy, 0, copy.length).mediaSsrc());
    }

    @Test
    void rejectsNackWithoutItems() {
        byte[] empty = hex("81cd0002 00000001 00000002");
        assertNull(GenericNack.parse(empty, 0, empty.length));
    }
}
