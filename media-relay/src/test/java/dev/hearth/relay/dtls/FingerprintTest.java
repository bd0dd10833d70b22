package dev.hearth.relay.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintTest {

    // SHA-256("abc") from FIPS 180-2 appendix B.1, so the digest path is checked against a published vector.
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final String SHA256_OF_ABC = "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:"
            + "B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD";

    @Test
    void computesSha256AsUpperCaseColonSeparatedHex() {
        Fingerprint fingerprint = Fingerprint.of(Fingerprint.Algorithm.SHA_256, ABC);

        assertEquals(SHA256_OF_ABC, fingerprint.hexDigest());
        assertEquals("sha-256 " + SHA256_OF_ABC, fingerprint.toSdpValue());
    }

    @Test
    void parsesAnSdpValueAndMatchesTheCertificateItWasTakenFrom() {
        Fingerprint parsed = Fingerprint.parse("sha-256 " + SHA256_OF_ABC);

        assertEquals(Fingerprint.Algorithm.SHA_256, parsed.algorithm());
        assertTrue(parsed.matches(ABC));
        assertFalse(parsed.matches("abd".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Fingerprint.of(Fingerprint.Algorithm.SHA_256, ABC), parsed);
    }

    @Test
    void acceptsLowerCaseHexUpperCaseHashNameAndSurroundingWhitespace() {
        Fingerprint parsed = Fingerprint.parse("  SHA-256\t" + SHA256_OF_ABC.toLowerCase() + " \r\n");

        assertTrue(parsed.matches(ABC));
    }

    @Test
    void supportsSha1Sha384AndSha512() {
        for (Fingerprint.Algorithm algorithm : Fingerprint.Algorithm.values()) {
            Fingerprint computed = Fingerprint.of(algorithm, ABC);
            Fingerprint parsed = Fingerprint.parse(computed.toSdpValue());

            assertEquals(algorithm.digestLength() * 3 - 1, computed.hexDigest().length());
            assertTrue(parsed.matches(ABC), algorithm.sdpName());
        }
    }

    @Test
    void sameDigestUnderAnotherHashFunctionIsADifferentFingerprint() {
        String sha1Hex = Fingerprint.of(Fingerprint.Algorithm.SHA_1, ABC).hexDigest();

        assertNotEquals(Fingerprint.parse("sha-1 " + sha1Hex), Fingerprint.of(Fingerprint.Algorithm.SHA_256, ABC));
        assertFalse(Fingerprint.parse("sha-1 " + sha1Hex).matches("abd".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "sha-256",
        "md5 BA:78:16:BF",
        "sha-256 BA:78:16:BF",
        "sha-256 BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        "sha-256 BA-78-16-BF-8F-01-CF-EA-41-41-40-DE-5D-AE-22-23-B0-03-61-A3-96-17-7A-9C-B4-10-FF-61-F2-00-15-AD",
        "sha-256 ZZ:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
        "sha-256 ＢＡ:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
        "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD extra",
        "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD:00",
    })
    void rejectsMalformedValuesWithAStableCode(String value) {
        InvalidFingerprintException thrown =
                assertThrows(InvalidFingerprintException.class, () -> Fingerprint.parse(value));

        assertEquals("invalid-fingerprint", thrown.code());
    }

    @Test
    void rejectsMissingAndOverlongValues() {
        assertThrows(InvalidFingerprintException.class, () -> Fingerprint.parse(null));
        assertThrows(InvalidFingerprintException.class, () -> Fingerprint.parse("sha-256 " + "A".repeat(10_000)));
    }

    @Test
    void emptyCertificateNeverMatches() {
        assertFalse(Fingerprint.parse("sha-256 " + SHA256_OF_ABC).matches(new byte[0]));
        assertFalse(Fingerprint.parse("sha-256 " + SHA256_OF_ABC).matches(null));
    }
}
