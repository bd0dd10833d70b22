package dev.hearth.relay.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeaderExtensionsTest {
    private final RtpPacket packet = new RtpPacket();

    private byte[] packetWith(int id, byte[] value) {
        byte[] bytes = new RtpPacketWriter().payloadType(96).ssrc(1).extension(id, value).payload(new byte[4])
                .toBytes();
        assertTrue(packet.wrap(bytes, 0, bytes.length));
        return bytes;
    }

    @Test
    void absSendTimeIsSixPointEighteenSeconds() {
        assertEquals(1 << 18, AbsSendTime.fromMicros(1_000_000));
        assertEquals(1 << 17, AbsSendTime.fromMicros(500_000));
        assertEquals(0, AbsSendTime.fromMicros(64_000_000), "wraps every 64 s");
        assertEquals(1_000_000, AbsSendTime.toMicros(1 << 18));
        assertEquals(1 << 18, AbsSendTime.fromMicros(64_000_000L * 1_000_000 + 1_000_000), "huge clocks do not overflow");
        assertEquals(0xFFFFFF, AbsSendTime.fromMicros(64_000_000 - 1) | 0x3F, "top of the window");
        packetWith(4, AbsSendTime.encode(0x123456));
        assertEquals(0x123456, AbsSendTime.read(packet, 4));
        assertTrue(AbsSendTime.rewrite(packet, 4, 0xABCDEF));
        assertEquals(0xABCDEF, AbsSendTime.read(packet, 4));
        assertEquals(-1, AbsSendTime.read(packet, 5));
    }

    @Test
    void audioLevelCarriesVoiceBitAndLevel() {
        packetWith(1, AudioLevel.encode(false, 127));
        assertEquals(127, AudioLevel.level(packet, 1));
        assertFalse(AudioLevel.isVoice(packet, 1));
        assertEquals(AudioLevel.ABSENT, AudioLevel.level(packet, 2));
        assertThrows(IllegalArgumentException.class, () -> AudioLevel.encode(true, 128));
    }

    @Test
    void transportSequenceNumberRewritesInPlace() {
        byte[] bytes = packetWith(3, TransportSequenceNumber.encode(65535));
        assertEquals(65535, TransportSequenceNumber.read(packet, 3));
        assertTrue(TransportSequenceNumber.rewrite(packet, 3, 7));
        assertEquals(7, TransportSequenceNumber.read(packet, 3));
        assertFalse(TransportSequenceNumber.rewrite(packet, 4, 7));
        assertEquals(bytes.length, packet.length());
    }

    @Test
    void midIsText() {
        packetWith(9, MediaId.encode("0"));
        assertEquals("0", MediaId.read(packet, 9));
        assertNull(MediaId.read(packet, 10));
        assertThrows(IllegalArgumentException.class, () -> MediaId.encode(""));
    }
}
