package dev.hearth.relay.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
    /** V=2 X=1 PT=111 seq=0x1234 ts=1000 ssrc=0xdeadbeef; one-byte extensions id1=9f, pad, id3=0102; payload cafe. */
    static final byte[] ONE_BYTE = hex("906f1234 000003e8 deadbeef bede0002 109f0031 01020000 cafe");
    /** Two-byte profile 0x1000: id5 empty, id7 "abc", one padding byte; payload 01. */
    static final byte[] TWO_BYTE = hex("90601000 00000001 00000002 10000002 05000703 61626300 01");
    /** V=2 P=1 CC=2 M=1 PT=96; CSRCs 11111111, 22222222; payload aabbcc then 3 bytes of padding. */
    static final byte[] CSRC_PADDED = hex("a2e00001 00000002 00000003 11111111 22222222 aabbcc 000003");

    private final RtpPacket packet = new RtpPacket();

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void readsFixedHeaderFields() {
        assertTrue(packet.wrap(ONE_BYTE, 0, ONE_BYTE.length));
        assertFalse(packet.marker());
        assertEquals(111, packet.payloadType());
        assertEquals(0x1234, packet.sequenceNumber());
        assertEquals(1000, packet.timestamp());
        assertEquals(0xdeadbeefL, packet.ssrc());
        assertEquals(0, packet.csrcCount());
        assertEquals(24, packet.headerLength());
        assertEquals(24, packet.payloadOffset());
        assertEquals(2, packet.payloadLength());
    }

    @Test
    void findsOneByteExtensionElementsWithoutAllocating() {
        assertTrue(packet.wrap(ONE_BYTE, 0, ONE_BYTE.length));
        assertTrue(packet.hasOneByteExtensions());
        int level = packet.findExtension(1);
        assertEquals(17, level);
        assertEquals(1, packet.extensionLength(level));
        int twcc = packet.findExtension(3);
        assertEquals(20, twcc);
        assertEquals(2, packet.extensionLength(twcc));
        assertEquals(-1, packet.findExtension(2));
        assertEquals(-1, packet.findExtension(0));
        assertEquals(31, AudioLevel.level(packet, 1));
        assertTrue(AudioLevel.isVoice(packet, 1));
        assertEquals(0x0102, TransportSequenceNumber.read(packet, 3));
        assertEquals(-1, TransportSequenceNumber.read(packet, 1));
    }

    @Test
    void findsTwoByteExtensionElementsIncludingEmptyOnes() {
        assertTrue(packet.wrap(TWO_BYTE, 0, TWO_BYTE.length));
        assertTrue(packet.hasTwoByteExtensions());
        int empty = packet.findExtension(5);
        assertEquals(0, packet.extensionLength(empty));
        assertEquals("abc", MediaId.read(packet, 7));
        assertTrue(MediaId.matches(packet, 7, "abc".getBytes()));
        assertFalse(MediaId.matches(packet, 7, "abd".getBytes()));
        assertEquals(24, packet.payloadOffset());
        assertEquals(1, packet.payloadLength());
    }

    @Test
    void iteratesElementsInOrder() {
        List<String> seen = new ArrayList<>();
        assertTrue(packet.wrap(ONE_BYTE, 0, ONE_BYTE.length));
        packet.forEachExtension((id, a, off, len) ->
                seen.add(id + ":" + HexFormat.of().formatHex(a, off, off + len)));
        assertEquals(List.of("1:9f", "3:0102"), seen);
        seen.clear();
        assertTrue(packet.wrap(TWO_BYTE, 0, TWO_BYTE.length));
        packet.forEachExtension((id, a, off, len) ->
                seen.add(id + ":" + HexFormat.of().formatHex(a, off, off + len)));
        assertEquals(List.of("5:", "7:616263"), seen);
    }

    @Test
    void stripsPaddingAndReadsCsrcs() {
        assertTrue(packet.wrap(CSRC_PADDED, 0, CSRC_PADDED.length));
        assertTrue(packet.marker());
        assertTrue(packet.hasPadding());
        assertEquals(3, packet.paddingLength());
        assertEquals(2, packet.csrcCount());
        assertEquals(0x11111111L, packet.csrc(0));
        assertEquals(0x22222222L, packet.csrc(1));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.csrc(2));
        assertEquals(20, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
        assertEquals(-1, packet.findExtension(1));
    }

    @Test
    void setterRewriteKeepsEverythingElseIntact() {
        byte[] copy = ONE_BYTE.clone();
        assertTrue(packet.wrap(copy, 0, copy.length));
        packet.setPayloadType(96);
        packet.setSequenceNumber(0xFFFF);
        packet.setTimestamp(0xFFFF_FFFEL);
        packet.setSsrc(0x01020304L);
        packet.setMarker(true);
        assertTrue(TransportSequenceNumber.rewrite(packet, 3, 0xABCD));

        byte[] expected = hex("90e0ffff fffffffe 01020304 bede0002 109f0031 abcd0000 cafe");
        assertArrayEquals(expected, copy);
        packet.setMarker(false);
        assertEquals(96, packet.payloadType());
        assertEquals(0x60, copy[1]);
    }

    @Test
    void rewriteExtensionRefusesAWrongLength() {
        byte[] copy = ONE_BYTE.clone();
        assertTrue(packet.wrap(copy, 0, copy.length));
        assertFalse(packet.rewriteExtension(3, new byte[3], 0, 3));
        assertFalse(packet.rewriteExtension(9, new byte[2], 0, 2));
        assertArrayEquals(ONE_BYTE, copy);
        assertTrue(packet.rewriteExtension(1, new byte[] {0x05}, 0, 1));
        assertEquals(5, AudioLevel.level(packet, 1));
        assertFalse(AudioLevel.isVoice(packet, 1));
    }

    @Test
    void worksAtAnOffset() {
        byte[] buffer = new byte[ONE_BYTE.length + 10];
        System.arraycopy(ONE_BYTE, 0, buffer, 7, ONE_BYTE.length);
        assertTrue(packet.wrap(buffer, 7, ONE_BYTE.length));
        assertEquals(0x0102, TransportSequenceNumber.read(packet, 3));
        assertEquals(31, packet.payloadOffset());
    }

    @Test
    void rejectsMalformedPackets() {
        assertFalse(packet.wrap(ONE_BYTE, 0, 11), "shorter than the fixed header");
        byte[] version1 = ONE_BYTE.clone();
        version1[0] = 0x50;
        assertFalse(packet.wrap(version1, 0, version1.length), "version 1");
        assertFalse(packet.wrap(ONE_BYTE, 0, 18), "extension header cut");
        assertFalse(packet.wrap(ONE_BYTE, 0, 22), "extension block cut");
        assertFalse(packet.wrap(CSRC_PADDED, 0, 16), "CSRC list cut");
        byte[] zeroPadding = CSRC_PADDED.clone();
        zeroPadding[zeroPadding.length - 1] = 0;
        assertFalse(packet.wrap(zeroPadding, 0, zeroPadding.length), "padding count zero");
        byte[] hugePadding = CSRC_PADDED.clone();
        hugePadding[hugePadding.length - 1] = 7;
        assertFalse(packet.wrap(hugePadding, 0, hugePadding.length), "padding eats the header");
        assertFalse(packet.wrap(ONE_BYTE, 5, ONE_BYTE.length), "range past the array");
        assertFalse(packet.wrap(null, 0, 12));
        assertFalse(packet.isValid());
    }

    @Test
    void malformedExtensionElementIsIgnoredButPacketStays() {
        byte[] overrun = hex("90601234 000003e8 deadbeef bede0001 10ff3f01 cafe");
        assertTrue(packet.wrap(overrun, 0, overrun.length));
        assertEquals(17, packet.findExtension(1));
        assertEquals(-1, packet.findExtension(3), "id 3 claims 16 bytes in a 4-byte block");
        byte[] reserved = hex("90601234 000003e8 deadbeef bede0001 f0001001 cafe");
        assertTrue(packet.wrap(reserved, 0, reserved.length));
        assertEquals(-1, packet.findExtension(1), "id 15 stops processing");
        byte[] otherProfile = hex("90601234 000003e8 deadbeef abcd0001 10ff0000 cafe");
        assertTrue(packet.wrap(otherProfile, 0, otherProfile.length));
        assertEquals(0xabcd, packet.extensionProfile());
        assertEquals(-1, packet.findExtension(1));
    }

    @Test
    void paddingOnlyPacketHasEmptyPayload() {
        byte[] probe = hex("a0600001 00000002 00000003 00000004");
        assertTrue(packet.wrap(probe, 0, probe.length));
        assertEquals(0, packet.payloadLength());
        assertEquals(4, packet.paddingLength());
        assertEquals(12, packet.payloadOffset());
    }
}
