package dev.hearth.relay.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static DtlsCertificate certificate;
    private static X509Certificate x509;

    @BeforeAll
    static void generate() throws Exception {
        certificate = DtlsCertificate.generate(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30));
        x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.derEncoded()));
    }

    @Test
    void isASelfSignedEcdsaP256CertificateForHearth() throws Exception {
        ECPublicKey key = (ECPublicKey) x509.getPublicKey();

        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        assertEquals("CN=hearth", x509.getSubjectX500Principal().getName());
        assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
        x509.verify(key);
    }

    @Test
    void isValidFromADayBeforeCreationForTheRequestedPeriod() {
        assertEquals(NOW.minus(Duration.ofDays(1)), x509.getNotBefore().toInstant());
        assertEquals(NOW.plus(Duration.ofDays(30)), x509.getNotAfter().toInstant());
        assertEquals(NOW.plus(Duration.ofDays(30)), certificate.notAfter());
    }

    @Test
    void hasAPositiveRandomSerial() {
        DtlsCertificate another = DtlsCertificate.generate();

        assertTrue(x509.getSerialNumber().signum() > 0);
        assertNotEquals(BigInteger.ZERO, x509.getSerialNumber());
        assertNotEquals(certificate.sha256Fingerprint(), another.sha256Fingerprint());
    }

    @Test
    void sha256FingerprintIsFormattedForSdpAndMatchesTheDerBytes() {
        String hex = certificate.sha256Fingerprint();

        assertTrue(hex.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), hex);
        assertTrue(Fingerprint.parse("sha-256 " + hex).matches(certificate.derEncoded()));
        assertEquals("sha-256 " + hex, certificate.fingerprint().toSdpValue());
    }

    @Test
    void derEncodingCannotBeAlteredThroughTheAccessor() {
        certificate.derEncoded()[0] ^= 1;

        assertTrue(certificate.fingerprint().matches(certificate.derEncoded()));
    }

    @Test
    void rejectsANonPositiveValidity() {
        assertThrows(IllegalArgumentException.class, () -> DtlsCertificate.generate(Clock.systemUTC(), Duration.ZERO));
    }
}
