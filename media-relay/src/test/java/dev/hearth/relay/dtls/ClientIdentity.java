package dev.hearth.relay.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * A browser's DTLS identity as {@code RTCPeerConnection.generateCertificate} makes it: ECDSA P-256 or RSA 2048
 * (a PKCS#1 v1.5 self-signed certificate). It signs CertificateVerify the way BoringSSL does: the first scheme
 * of its own preference list that the server's CertificateRequest names, so an RSA key signs RSA-PSS when the
 * server offers it.
 */
public final class ClientIdentity {

    private static final List<Integer> ECDSA_PREFERENCE = List.of(SignatureScheme.ecdsa_secp256r1_sha256);
    // BoringSSL's kSignSignatureAlgorithms order for an RSA key.
    private static final List<Integer> RSA_PREFERENCE = List.of(SignatureScheme.rsa_pss_rsae_sha256,
            SignatureScheme.rsa_pkcs1_sha256, SignatureScheme.rsa_pss_rsae_sha384, SignatureScheme.rsa_pkcs1_sha384);

    private final String name;
    private final PrivateKey privateKey;
    private final byte[] der;
    private final Fingerprint fingerprint;
    private final List<Integer> preference;

    private ClientIdentity(String name, PrivateKey privateKey, byte[] der, List<Integer> preference) {
        this.name = name;
        this.privateKey = privateKey;
        this.der = der;
        this.fingerprint = Fingerprint.of(Fingerprint.Algorithm.SHA_256, der);
        this.preference = preference;
    }

    public static ClientIdentity ecdsa() {
        return generate("ecdsa-p256", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", ECDSA_PREFERENCE);
    }

    /** RSA 2048 with BoringSSL's signing preference: RSA-PSS first when the server offers it. */
    public static ClientIdentity rsa() {
        return generate("rsa-2048", "RSA", null, "SHA256withRSA", RSA_PREFERENCE);
    }

    /** RSA 2048 that signs CertificateVerify with PKCS#1 v1.5 only (as stacks without RSA-PSS do). */
    public static ClientIdentity rsaPkcs1Only() {
        return generate("rsa-2048-pkcs1", "RSA", null, "SHA256withRSA", List.of(SignatureScheme.rsa_pkcs1_sha256));
    }

    private static ClientIdentity generate(String name, String keyAlgorithm, ECGenParameterSpec curve,
            String certificateSignature, List<Integer> preference) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            if (curve != null) {
                generator.initialize(curve, random);
            } else {
                generator.initialize(2048, random);
            }
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=WebRTC");
            Instant now = Instant.now();
            byte[] der = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(random.nextInt() & 0x7fffffff | 1),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                    keys.getPublic())
                    .build(new JcaContentSignerBuilder(certificateSignature).build(keys.getPrivate()))
                    .getEncoded();
            return new ClientIdentity(name, keys.getPrivate(), der, preference);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a " + name + " test identity", e);
        }
    }

    /** The same key and certificate, signing CertificateVerify with {@code scheme} only. */
    public ClientIdentity signingOnly(int scheme) {
        return new ClientIdentity(name + "/" + SignatureScheme.getName(scheme), privateKey, der, List.of(scheme));
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The credentials for the CertificateRequest {@code request}, signing with the preferred scheme it names. */
    TlsCredentialedSigner credentials(JcaTlsCrypto crypto, TlsContext context, CertificateRequest request)
            throws IOException {
        Vector<?> offered = request.getSupportedSignatureAlgorithms();
        for (int scheme : preference) {
            SignatureAndHashAlgorithm algorithm = SignatureScheme.getSignatureAndHashAlgorithm(scheme);
            if (offered != null && offered.contains(algorithm)) {
                TlsCertificate certificate = crypto.createCertificate(der);
                return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
                        new Certificate(new TlsCertificate[] {certificate}), algorithm);
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure,
                name + " client finds none of its signature schemes in the server's CertificateRequest");
    }

    @Override
    public String toString() {
        return name;
    }
}
