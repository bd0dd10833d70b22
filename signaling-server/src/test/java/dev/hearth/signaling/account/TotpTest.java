package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 Appendix B: the SHA-1 seed. */
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
        "2000000000, 69279037", "20000000000, 65353130"})
    void matchesTheRfc6238TestVectors(long unixSeconds, String eightDigits) {
        long step = Totp.step(Instant.ofEpochSecond(unixSeconds));
        assertEquals(eightDigits, Totp.code(SEED, step, 8));
        // Six digits are the same number modulo 10^6: the last six of the eight.
        assertEquals(eightDigits.substring(2), Totp.code(SEED, step, 6));
    }

    @Test
    void acceptsTheCurrentStepAndOneEitherSideButNoFurther() {
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.step(now);
        for (long delta = -1; delta <= 1; delta++) {
            assertEquals(OptionalLong.of(step + delta), Totp.verify(SEED, Totp.code(SEED, step + delta, 6), now, -1));
        }
        assertTrue(Totp.verify(SEED, Totp.code(SEED, step - 2, 6), now, -1).isEmpty());
        assertTrue(Totp.verify(SEED, Totp.code(SEED, step + 2, 6), now, -1).isEmpty());
    }

    @Test
    void aStepAlreadyUsedIsRefusedSoACodeWorksOnce() {
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.step(now);
        String code = Totp.code(SEED, step, 6);
        assertEquals(OptionalLong.of(step), Totp.verify(SEED, code, now, step - 1));
        assertTrue(Totp.verify(SEED, code, now, step).isEmpty(), "replay of the same code");
        assertTrue(Totp.verify(SEED, Totp.code(SEED, step - 1, 6), now, step).isEmpty(), "an older code after a newer one");
    }

    @Test
    void refusesCodesThatAreNotSixDigits() {
        Instant now = Instant.ofEpochSecond(59);
        for (String code : new String[] {null, "", "12345", "1234567", "12345a", "28708x", "２８７０８２"}) {
            assertTrue(Totp.verify(SEED, code, now, -1).isEmpty(), String.valueOf(code));
        }
        assertEquals(OptionalLong.of(1), Totp.verify(SEED, "287 082", now, -1), "spaces between digits are fine");
    }

    @Test
    void theEnrolmentUriNamesIssuerAccountAndTheStandardParameters() {
        byte[] secret = new byte[20];
        String base32 = Totp.base32(secret);
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", base32);
        assertEquals("otpauth://totp/Hearth:sam.f?secret=" + base32
                + "&issuer=Hearth&algorithm=SHA1&digits=6&period=30", Totp.uri("Hearth", "sam.f", secret));
        assertEquals(20, Totp.newSecret().length);
    }
}
