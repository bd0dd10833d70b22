package dev.hearth.relay.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpCompoundIteratorTest {
    private final RtcpCompoundIterator iterator = new RtcpCompoundIterator();

    private static byte[] compound(byte[]... packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private List<String> walk(byte[] bytes, int off, int len) {
        List<String> seen = new ArrayList<>();
        iterator.wrap(bytes, off, len);
        while (iterator.next()) {
            seen.add(iterator.packetType() + "/" + iterator.count() + "@" + iterator.packetOffset()
                    + "+" + iterator.packetLength());
        }
        return seen;
    }

    @Test
    void walksEveryPacketOfACompound() {
        byte[] bytes = compound(SenderReportTest.SR, SourceDescriptionTest.SDES, PictureLossIndicationTest.PLI,
                TransportCcFeedbackTest.TWO_BIT_VECTOR);
        assertEquals(List.of("200/1@0+52", "202/2@52+28", "206/1@80+12", "205/15@92+28"),
                walk(bytes, 0, bytes.length));
        assertFalse(iterator.malformed());
    }

    @Test
    void stopsCleanlyOnALengthPastTheDatagram() {
        byte[] bytes = compound(ReceiverReportTest.RR, GenericNackTest.NACK);
        assertEquals(List.of("201/1@0+32"), walk(bytes, 0, bytes.length - 1));
        assertTrue(iterator.malformed());
    }

    @Test
    void stopsOnTrailingGarbageAndWrongVersion() {
        byte[] bytes = compound(PictureLossIndicationTest.PLI, new byte[] {0x01, 0x02});
        assertEquals(1, walk(bytes, 0, bytes.length).size());
        assertTrue(iterator.malformed());
        byte[] version0 = compound(PictureLossIndicationTest.PLI, PictureLossIndicationTest.PLI);
        version0[12] = 0x01;
        assertEquals(1, walk(version0, 0, version0.length).size());
        assertTrue(iterator.malformed());
    }

    @Test
    void worksAtAnOffsetAndOnEmptyInput() {
        byte[] bytes = compound(new byte[5], PictureLossIndicationTest.PLI, new byte[3]);
        assertEquals(List.of("206/1@5+12"), walk(bytes, 5, 12));
        assertEquals(List.of(), walk(bytes, 0, 0));
        assertFalse(iterator.malformed());
        assertEquals(List.of(), walk(bytes, 10, 50));
        assertTrue(iterator.malformed());
    }

    @Test
    void demultiplexesRtcpFromRtp() {
        assertTrue(RtcpHeader.isRtcp(PictureLossIndicationTest.PLI, 0, 12));
        byte[] rtp = {(byte) 0x80, (byte) 0xE0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertFalse(RtcpHeader.isRtcp(rtp, 0, rtp.length), "PT 96 with marker is RTP");
        byte[] rtpPt127 = {(byte) 0x80, (byte) 0xFF, 0, 1};
        assertFalse(RtcpHeader.isRtcp(rtpPt127, 0, 4));
    }
}
