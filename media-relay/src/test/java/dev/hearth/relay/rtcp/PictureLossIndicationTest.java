package dev.hearth.relay.rtcp;

import static dev.hearth.relay.rtcp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PictureLossIndicationTest {
    static final byte[] PLI = hex("81ce0002 00000001 00000002");

    @Test
    void parsesHandComputedBytes() {
        assertEquals(new PictureLossIndication(1, 2), PictureLossIndication.parse(PLI, 0, PLI.length));
    }

    @Test
    void writesHandComputedBytes() {
        byte[] out = new byte[12];
        assertEquals(12, new PictureLossIndication(1, 2).writeTo(out, 0));
        assertArrayEquals(PLI, out);
    }

    @Test
    void mediaSsrcIsRetargetedInPlace() {
        byte[] copy = PLI.clone();
        RtcpFeedback.setMediaSsrc(copy, 0, 0xcafebabeL);
        RtcpFeedback.setSenderSsrc(copy, 0, 0x0badf00dL);
        assertArrayEquals(hex("81ce0002 0badf00d cafebabe"), copy);
        assertEquals(0xcafebabeL, RtcpFeedback.mediaSsrc(copy, 0));
        assertEquals(0x0badf00dL, RtcpFeedback.senderSsrc(copy, 0));
    }

    @Test
    void otherFeedbackIsNotAPli() {
        assertNull(PictureLossIndication.parse(FullIntraRequestTest.FIR, 0, FullIntraRequestTest.FIR.length));
        assertNull(PictureLossIndication.parse(GenericNackTest.NACK, 0, GenericNackTest.NACK.length));
        assertNull(PictureLossIndication.parse(PLI, 0, 8));
    }
}
