package dev.hearth.relay.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The relay's DTLS identity: one ECDSA P-256 key pair and a self-signed certificate, created once per relay
 * process. Browsers authenticate it only through the SHA-256 fingerprint the relay puts in its SDP, so the
 * subject and validity carry no trust; P-256 is what every browser's DTLS stack supports.
 */
public final class DtlsCertificate {

    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    // Backdated so a peer whose clock runs slow does not see a certificate from the future.
    private static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofDays(1);
    private static final X500Name SUBJECT = new X500Name("CN=hearth");
    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final PrivateKey privateKey;
    private final byte[] derEncoded;
    private final Fingerprint sha256;
    private final Instant notAfter;

    private DtlsCertificate(PrivateKey privateKey, byte[] derEncoded, Instant notAfter) {
        this.privateKey = privateKey;
        this.derEncoded = derEncoded;
        this.sha256 = Fingerprint.of(Fingerprint.Algorithm.SHA_256, derEncoded);
        this.notAfter = notAfter;
    }

    public static DtlsCertificate generate() {
        return generate(Clock.systemUTC(), DEFAULT_VALIDITY);
    }

    public static DtlsCertificate generate(Clock clock, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("certificate validity must be positive");
        }
        SecureRandom random = new SecureRandom();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keyPair = generator.generateKeyPair();

            Instant now = clock.instant();
            Instant notAfter = now.plus(validity);
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    SUBJECT,
                    new BigInteger(1, serial).setBit(0), // positive and never zero, as RFC 5280 requires
                    Date.from(now.minus(CLOCK_SKEW_ALLOWANCE)),
                    Date.from(notAfter),
                    SUBJECT,
                    keyPair.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setSecureRandom(random)
                    .build(keyPair.getPrivate());
            byte[] der = builder.build(signer).getEncoded();
            return new DtlsCertificate(keyPair.getPrivate(), der, notAfter);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the DTLS certificate", e);
        }
    }

    /** Upper-case hex pairs joined by ':', for {@code a=fingerprint:sha-256 <this>} in the relay's SDP. */
    public String sha256Fingerprint() {
        return sha256.hexDigest();
    }

    public Fingerprint fingerprint() {
        return sha256;
    }

    public byte[] derEncoded() {
        return derEncoded.clone();
    }

    /** After this instant the relay should create a new certificate for new sessions. */
    public Instant notAfter() {
        return notAfter;
    }

    /** What BouncyCastle's TLS API signs with, bound to one handshake's context. */
    public TlsCredentialedSigner signerCredentials(JcaTlsCrypto crypto, TlsContext context) throws IOException {
        TlsCertificate certificate = crypto.createCertificate(derEncoded);
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
                new Certificate(new TlsCertificate[] {certificate}), ECDSA_SHA256);
    }

    @Override
    public String toString() {
        return "DtlsCertificate[sha-256 " + sha256.hexDigest() + ", notAfter=" + notAfter + "]";
    }
}
