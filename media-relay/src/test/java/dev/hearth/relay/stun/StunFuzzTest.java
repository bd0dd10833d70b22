package dev.hearth.relay.stun;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random, truncated and bit-flipped input must never throw or read out of bounds. */
class StunFuzzTest {
    private static final byte[][] SEEDS = {
        Rfc5769Vectors.REQUEST, Rfc5769Vectors.IPV4_RESPONSE, Rfc5769Vectors.IPV6_RESPONSE};

    private final StunMessage message = new StunMessage();
    private int parsed;

    @Test
    void mutatedMessagesNeverThrow() {
        Random random = new Random(5769);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] seed = SEEDS[random.nextInt(SEEDS.length)];
                byte[] mutated = seed.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
                }
                // Keep the framing plausible half the time so the attribute walker gets exercised.
                if (random.nextBoolean()) {
                    mutated[4] = 0x21;
                    mutated[5] = 0x12;
                    mutated[6] = (byte) 0xa4;
                    mutated[7] = 0x42;
                }
                int length = random.nextInt(4) == 0 ? random.nextInt(mutated.length + 1) : mutated.length;
                exercise(mutated, 0, length);
            }
        });
        assertTrue(parsed > 1_000, "mutations should often stay parseable, got " + parsed);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(8489);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] bytes = new byte[random.nextInt(120)];
                random.nextBytes(bytes);
                if (bytes.length >= 20) {
                    bytes[0] &= 0x01;
                    bytes[2] = 0;
                    bytes[3] = (byte) ((bytes.length - 20) & ~3);
                    bytes[4] = 0x21;
                    bytes[5] = 0x12;
                    bytes[6] = (byte) 0xa4;
                    bytes[7] = 0x42;
                }
                int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                exercise(bytes, offset, bytes.length - offset);
                exercise(bytes, 0, bytes.length);
            }
        });
    }

    private void exercise(byte[] a, int off, int len) {
        StunMessages.isStun(a, off, len);
        if (message.wrap(a, off, len)) {
            parsed++;
            message.username();
            message.priority();
            message.iceControllingTieBreaker();
            message.iceControlledTieBreaker();
            message.errorCode();
            message.errorReason();
            message.software();
            message.xorMappedAddress();
            message.unknownAttributesListed();
            message.unknownComprehensionRequired();
            message.verifyMessageIntegrity(Rfc5769Vectors.PASSWORD);
            message.verifyFingerprint();
        }
    }
}
