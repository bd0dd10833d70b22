package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SenderReportTest {
    /** RC=1, length 12 words; sender info then one block (fraction 25, lost 3). */
    static final byte[] SR = hex("""
            81c8000c 11223344
            e1234567 89abcdef 00015f90 00000064 00002710
            55667788 19000003 00011234 00000020 45678901 00010000""");

    static final SenderReport EXPECTED = new SenderReport(0x11223344L, 0xe123456789abcdefL, 90_000, 100, 10_000,
            List.of(new ReportBlock(0x55667788L, 25, 3, 0x11234, 32, 0x45678901L, 0x10000)));

    @Test
    void parsesHandComputedBytes() {
        assertEquals(EXPECTED, SenderReport.parse(SR, 0, SR.length));
    }

    @Test
    void writesHandComputedBytes() {
        byte[] out = new byte[64];
        int length = EXPECTED.writeTo(out, 0);
        assertEquals(52, length);
        assertArrayEquals(SR, Bytes.written(length, out));
    }

    @Test
    void compactNtpIsTheMiddleThirtyTwoBits() {
        assertEquals(0x456789abL, EXPECTED.compactNtp());
    }

    @Test
    void negativeCumulativeLossRoundTrips() {
        SenderReport report = new SenderReport(1, 2, 3, 4, 5,
                List.of(new ReportBlock(6, 0, -1, 7, 8, 9, 10), new ReportBlock(11, 255, -0x800000, 0, 0, 0, 0)));
        byte[] out = new byte[report.length()];
        report.writeTo(out, 0);
        assertEquals(report, SenderReport.parse(out, 0, out.length));
    }

    @Test
    void rejectsTruncatedOrMistypedPackets() {
        assertNull(SenderReport.parse(SR, 0, SR.length - 4));
        byte[] tooManyBlocks = SR.clone();
        tooManyBlocks[0] = (byte) 0x82;
        assertNull(SenderReport.parse(tooManyBlocks, 0, tooManyBlocks.length));
        assertNull(SenderReport.parse(ReceiverReportTest.RR, 0, ReceiverReportTest.RR.length));
    }
}
