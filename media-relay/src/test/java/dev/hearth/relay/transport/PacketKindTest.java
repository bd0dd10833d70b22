package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacketKindTest {

    @Test
    void firstByteZeroToThreeIsStun() {
        for (int b = 0; b <= 3; b++) {
            assertEquals(PacketKind.STUN, PacketKind.classify(b, 1));
        }
    }

    @Test
    void firstByteTwentyToSixtyThreeIsDtls() {
        assertEquals(PacketKind.DTLS, PacketKind.classify(20, 0));
        assertEquals(PacketKind.DTLS, PacketKind.classify(22, 0xFE));
        assertEquals(PacketKind.DTLS, PacketKind.classify(63, 0));
    }

    @Test
    void rtcpPacketTypesOnTheSecondByteAreRtcp() {
        assertEquals(PacketKind.RTCP, PacketKind.classify(0x80, 192));
        assertEquals(PacketKind.RTCP, PacketKind.classify(0x81, 206));
        assertEquals(PacketKind.RTCP, PacketKind.classify(0xBF, 223));
    }

    @Test
    void otherSecondBytesInTheMediaRangeAreRtp() {
        assertEquals(PacketKind.RTP, PacketKind.classify(0x80, 111));
        assertEquals(PacketKind.RTP, PacketKind.classify(0x90, 96 | 0x80));
        assertEquals(PacketKind.RTP, PacketKind.classify(0x80, 191));
        assertEquals(PacketKind.RTP, PacketKind.classify(0x80, 224));
    }

    @Test
    void gapsBetweenTheRangesAreUnknown() {
        for (int b : new int[] {4, 16, 19, 64, 79, 127, 192, 255}) {
            assertEquals(PacketKind.UNKNOWN, PacketKind.classify(b, 0), "first byte " + b);
        }
    }

    @Test
    void oneByteMediaDatagramIsUnknownAndEmptyArrayIsUnknown() {
        assertEquals(PacketKind.UNKNOWN, PacketKind.classify(new byte[] {(byte) 0x80}, 0, 1));
        assertEquals(PacketKind.UNKNOWN, PacketKind.classify(new byte[0], 0, 0));
        assertEquals(PacketKind.STUN, PacketKind.classify(new byte[] {9, 0, 1}, 1, 2));
    }
}
