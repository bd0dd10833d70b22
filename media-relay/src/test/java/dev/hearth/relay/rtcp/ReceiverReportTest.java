package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiverReportTest {
    static final byte[] RR = hex("81c90007 01020304 0a0b0c0d 80ffffff 0001ffff 00000100 00000000 00000000");
    static final ReceiverReport EXPECTED = new ReceiverReport(0x01020304L,
            List.of(new ReportBlock(0x0a0b0c0dL, 128, -1, 0x1ffff, 256, 0, 0)));

    @Test
    void parsesHandComputedBytes() {
        assertEquals(EXPECTED, ReceiverReport.parse(RR, 0, RR.length));
    }

    @Test
    void writesHandComputedBytes() {
        byte[] out = new byte[RR.length];
        assertEquals(32, EXPECTED.writeTo(out, 0));
        assertArrayEquals(RR, out);
    }

    @Test
    void emptyReportIsEightBytes() {
        ReceiverReport empty = new ReceiverReport(0xdeadbeefL, List.of());
        byte[] out = new byte[8];
        empty.writeTo(out, 0);
        assertArrayEquals(hex("80c90001 deadbeef"), out);
        assertEquals(empty, ReceiverReport.parse(out, 0, out.length));
    }

    @Test
    void reportBlockSsrcIsRewrittenInPlace() {
        byte[] copy = RR.clone();
        ReportBlock.setSsrc(copy, 8, 0x99887766L);
        assertEquals(0x99887766L, ReceiverReport.parse(copy, 0, copy.length).reports().get(0).ssrc());
    }

    @Test
    void rejectsMalformed() {
        assertNull(ReceiverReport.parse(RR, 0, 31));
        assertNull(ReceiverReport.parse(RR, 0, 3));
        byte[] version1 = RR.clone();
        version1[0] = 0x41;
        assertNull(ReceiverReport.parse(version1, 0, version1.length));
    }
}
