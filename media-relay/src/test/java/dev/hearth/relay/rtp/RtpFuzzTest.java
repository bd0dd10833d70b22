package dev.hearth.relay.rtp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random, truncated and bit-flipped packets must never throw or read out of bounds. */
class RtpFuzzTest {
    private static final byte[][] SEEDS = {RtpPacketTest.ONE_BYTE, RtpPacketTest.TWO_BYTE, RtpPacketTest.CSRC_PADDED};
    private static final RtpExtensionVisitor IGNORE = (id, a, off, len) -> {
        if (off < 0 || off + len > a.length) {
            throw new AssertionError("element outside the array");
        }
    };

    private final RtpPacket packet = new RtpPacket();
    private int parsed;

    @Test
    void mutatedPacketsNeverThrow() {
        Random random = new Random(3550);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < 30_000; i++) {
                byte[] mutated = SEEDS[random.nextInt(SEEDS.length)].clone();
                for (int f = 1 + random.nextInt(4); f > 0; f--) {
                    mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
                }
                int length = random.nextInt(4) == 0 ? random.nextInt(mutated.length + 1) : mutated.length;
                exercise(mutated, 0, length);
            }
        });
        assertTrue(parsed > 5_000, "mutations should often stay parseable, got " + parsed);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(8285);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < 30_000; i++) {
                byte[] bytes = new byte[random.nextInt(80)];
                random.nextBytes(bytes);
                if (bytes.length > 0) {
                    bytes[0] = (byte) (0x80 | (bytes[0] & 0x3F));
                }
                if (bytes.length > 16 && random.nextBoolean()) {
                    bytes[0] = (byte) ((bytes[0] & 0xF0) | 0x10);
                    bytes[12] = (byte) (random.nextBoolean() ? 0xBE : 0x10);
                    bytes[13] = (byte) (bytes[12] == (byte) 0xBE ? 0xDE : 0x00);
                }
                int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                exercise(bytes, offset, bytes.length - offset);
                exercise(bytes, 0, bytes.length);
            }
        });
    }

    private void exercise(byte[] a, int off, int len) {
        if (!packet.wrap(a, off, len)) {
            return;
        }
        parsed++;
        packet.forEachExtension(IGNORE);
        for (int id = 1; id < 16; id++) {
            int at = packet.findExtension(id);
            if (at >= 0) {
                packet.extensionLength(at);
            }
            AudioLevel.level(packet, id);
            TransportSequenceNumber.read(packet, id);
            AbsSendTime.read(packet, id);
            MediaId.read(packet, id);
        }
        for (int i = 0; i < packet.csrcCount(); i++) {
            packet.csrc(i);
        }
        if (packet.payloadOffset() + packet.payloadLength() > off + len || packet.payloadLength() < 0) {
            throw new AssertionError("payload outside the packet");
        }
        byte[] out = new byte[len + 2];
        RtxPacket.encapsulate(packet, 97, 1, 1, out, 0);
    }
}
