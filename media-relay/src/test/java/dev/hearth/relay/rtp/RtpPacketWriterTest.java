package dev.hearth.relay.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpPacketWriterTest {
    @Test
    void writesTheHandComputedOneBytePacket() {
        byte[] bytes = new RtpPacketWriter()
                .payloadType(111).sequenceNumber(0x1234).timestamp(1000).ssrc(0xdeadbeefL)
                .extension(1, AudioLevel.encode(true, 31))
                .extension(3, TransportSequenceNumber.encode(0x0102))
                .payload(new byte[] {(byte) 0xca, (byte) 0xfe})
                .toBytes();
        // Same content as RtpPacketTest.ONE_BYTE, without the padding byte between the elements.
        assertArrayEquals(RtpPacketTest.hex("906f1234 000003e8 deadbeef bede0002 109f3101 02000000 cafe"), bytes);
    }

    @Test
    void writesCsrcsAndPadding() {
        byte[] bytes = new RtpPacketWriter()
                .payloadType(96).marker(true).sequenceNumber(1).timestamp(2).ssrc(3)
                .csrcs(0x11111111L, 0x22222222L)
                .payload(new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc})
                .padding(3)
                .toBytes();
        assertArrayEquals(RtpPacketTest.CSRC_PADDED, bytes);
    }

    @Test
    void fallsBackToTwoByteExtensionsWhenNeeded() {
        byte[] bytes = new RtpPacketWriter().payloadType(96).ssrc(1)
                .extension(20, new byte[] {1, 2})
                .extension(2, MediaId.encode("video"))
                .payload(new byte[5])
                .toBytes();
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(bytes, 0, bytes.length));
        assertTrue(packet.hasTwoByteExtensions());
        assertEquals("video", MediaId.read(packet, 2));
        assertEquals(0x0102, TransportSequenceNumber.read(packet, 20));
        assertEquals(5, packet.payloadLength());
    }

    @Test
    void canForceTwoByteExtensions() {
        byte[] bytes = new RtpPacketWriter().payloadType(96).ssrc(1).twoByteExtensions()
                .extension(5, new byte[0])
                .extension(7, "abc".getBytes())
                .payload(new byte[] {1})
                .sequenceNumber(0x1000).timestamp(1).ssrc(2)
                .toBytes();
        assertArrayEquals(RtpPacketTest.hex("90601000 00000001 00000002 10000002 05000703 61626300 01"), bytes);
    }

    @Test
    void rejectsOutOfRangeFields() {
        RtpPacketWriter writer = new RtpPacketWriter();
        assertThrows(IllegalArgumentException.class, () -> writer.payloadType(128));
        assertThrows(IllegalArgumentException.class, () -> writer.extension(0, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> writer.padding(256));
        assertThrows(IllegalArgumentException.class, () -> writer.csrcs(new long[16]));
        assertThrows(IllegalArgumentException.class, () -> writer.payload(new byte[10]).writeTo(new byte[15], 0));
    }
}
