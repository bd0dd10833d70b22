package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FullIntraRequestTest {
    static final byte[] FIR = hex("84ce0004 00000001 00000000 00000002 05000000");
    static final FullIntraRequest EXPECTED = new FullIntraRequest(1, List.of(new FullIntraRequest.Entry(2, 5)));

    @Test
    void parsesHandComputedBytes() {
        assertEquals(EXPECTED, FullIntraRequest.parse(FIR, 0, FIR.length));
    }

    @Test
    void writesHandComputedBytes() {
        byte[] out = new byte[20];
        assertEquals(20, EXPECTED.writeTo(out, 0));
        assertArrayEquals(FIR, out);
    }

    @Test
    void retargetsMatchingEntriesInPlace() {
        FullIntraRequest two = new FullIntraRequest(1,
                List.of(new FullIntraRequest.Entry(2, 5), new FullIntraRequest.Entry(3, 9)));
        byte[] out = new byte[two.length()];
        two.writeTo(out, 0);
        assertEquals(1, FullIntraRequest.rewriteTarget(out, 0, out.length, 3, 0x77777777L));
        assertEquals(new FullIntraRequest(1,
                List.of(new FullIntraRequest.Entry(2, 5), new FullIntraRequest.Entry(0x77777777L, 9))),
                FullIntraRequest.parse(out, 0, out.length));
        assertEquals(0, FullIntraRequest.rewriteTarget(PictureLossIndicationTest.PLI.clone(), 0, 12, 2, 3));
    }

    @Test
    void rejectsFirWithoutEntries() {
        byte[] empty = hex("84ce0002 00000001 00000000");
        assertNull(FullIntraRequest.parse(empty, 0, empty.length));
    }
}
