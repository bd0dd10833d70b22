package dev.hearth.relay.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtxPacketTest {
    private static byte[] original() {
        return new RtpPacketWriter().payloadType(96).marker(true).sequenceNumber(0x4321).timestamp(90_000)
                .ssrc(0x0A0B0C0DL).extension(3, TransportSequenceNumber.encode(17))
                .payload(new byte[] {1, 2, 3, 4, 5}).padding(4).toBytes();
    }

    @Test
    void encapsulatePrependsOsnAndDropsPadding() {
        byte[] source = original();
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(source, 0, source.length));
        byte[] out = new byte[100];
        int length = RtxPacket.encapsulate(packet, 97, 0x11223344L, 500, out, 3);

        RtpPacket rtx = new RtpPacket();
        assertTrue(rtx.wrap(out, 3, length));
        assertEquals(97, rtx.payloadType());
        assertEquals(500, rtx.sequenceNumber());
        assertEquals(0x11223344L, rtx.ssrc());
        assertEquals(90_000, rtx.timestamp());
        assertTrue(rtx.marker());
        assertFalse(rtx.hasPadding());
        assertEquals(17, TransportSequenceNumber.read(rtx, 3));
        assertEquals(7, rtx.payloadLength());
        assertArrayEquals(new byte[] {0x43, 0x21, 1, 2, 3, 4, 5},
                Arrays.copyOfRange(out, rtx.payloadOffset(), rtx.payloadOffset() + 7));
    }

    @Test
    void decapsulateRestoresTheOriginalInPlace() {
        byte[] source = original();
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(source, 0, source.length));
        byte[] out = new byte[100];
        int length = RtxPacket.encapsulate(packet, 97, 0x11223344L, 500, out, 0);

        RtpPacket rtx = new RtpPacket();
        assertTrue(rtx.wrap(out, 0, length));
        assertTrue(RtxPacket.decapsulate(rtx, 96, 0x0A0B0C0DL));
        assertEquals(2, rtx.offset());
        byte[] withoutPadding = new RtpPacketWriter().payloadType(96).marker(true).sequenceNumber(0x4321)
                .timestamp(90_000).ssrc(0x0A0B0C0DL).extension(3, TransportSequenceNumber.encode(17))
                .payload(new byte[] {1, 2, 3, 4, 5}).toBytes();
        assertArrayEquals(withoutPadding, Arrays.copyOfRange(out, rtx.offset(), rtx.offset() + rtx.length()));
    }

    @Test
    void decapsulateRefusesPaddingOnlyProbe() {
        byte[] probe = new RtpPacketWriter().payloadType(97).ssrc(5).padding(200).toBytes();
        byte[] before = probe.clone();
        RtpPacket rtx = new RtpPacket();
        assertTrue(rtx.wrap(probe, 0, probe.length));
        assertFalse(RtxPacket.decapsulate(rtx, 96, 1));
        assertArrayEquals(before, probe);
    }
}
