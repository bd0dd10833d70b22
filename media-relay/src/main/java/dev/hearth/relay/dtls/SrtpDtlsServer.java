package dev.hearth.relay.dtls;

import java.io.IOException;
import java.util.Hashtable;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BouncyCastle's view of one relay-side DTLS-SRTP handshake: DTLS 1.2 only, ECDHE_ECDSA AEAD suites, a
 * mandatory client certificate that must hash to the fingerprint from the browser's SDP, and a mandatory
 * {@code use_srtp} agreement. Used by exactly one handshake; BouncyCastle calls it from the handshake thread,
 * and the session reads its outcome afterwards.
 */
final class SrtpDtlsServer extends DefaultTlsServer {

    private static final Logger log = LoggerFactory.getLogger(SrtpDtlsServer.class);

    // Forward-secret AEAD suites only, strongest-per-cost first. BouncyCastle drops any the JCA lacks.
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    private final JcaTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final Fingerprint expectedClientFingerprint;
    private final DtlsConfig config;

    private volatile DtlsSrtpProfile profile;
    private volatile byte[] keyingMaterial;
    private volatile DtlsFailure refusal;
    private volatile boolean fatalAlertReceived;
    private volatile boolean closeNotifyReceived;

    SrtpDtlsServer(JcaTlsCrypto crypto, DtlsCertificate certificate, Fingerprint expectedClientFingerprint,
            DtlsConfig config) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.expectedClientFingerprint = expectedClientFingerprint;
        this.config = config;
    }

    /** The negotiated profile and exported keys; only valid once the handshake has completed. */
    DtlsResult result() {
        return new DtlsResult(profile.id(), keyingMaterial);
    }

    /** Set when this server itself refused the client (as opposed to a protocol or network failure). */
    DtlsFailure refusal() {
        return refusal;
    }

    boolean fatalAlertReceived() {
        return fatalAlertReceived;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return config.handshakeTimeoutMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return config.initialRetransmitMillis();
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        // Without SRTP keys the transport is useless to a media relay, so no fallback to plain DTLS.
        profile = DtlsSrtpProfile.choose(offered == null ? null : offered.getProtectionProfiles(),
                config.srtpProfiles())
                .orElseThrow(() -> refuse(DtlsFailure.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
                        "client offered no supported SRTP protection profile"));
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable serverExtensions = super.getServerExtensions();
        // RFC 5764 4.1.1: an empty MKI tells the client we do not use MKIs, whatever it offered.
        TlsSRTPUtils.addUseSRTPExtension(serverExtensions,
                new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES));
        return serverExtensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // WebRTC authenticates the browser only by its certificate's fingerprint, so no CAs are named.
        // RSA is accepted because RTCPeerConnection.generateCertificate lets pages pick it; only schemes the
        // crypto can verify are listed, since the client signs with one of them.
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, ClientSignatureSchemes.verifiableBy(crypto), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw refuse(DtlsFailure.CLIENT_CERTIFICATE_MISSING, AlertDescription.handshake_failure,
                    "client sent no certificate");
        }
        // BouncyCastle verifies the CertificateVerify signature against this certificate's key, so a match
        // here proves the client holds the key the browser announced in its SDP.
        if (!expectedClientFingerprint.matches(clientCertificate.getCertificateAt(0).getEncoded())) {
            throw refuse(DtlsFailure.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate,
                    "client certificate does not match the SDP fingerprint");
        }
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return certificate.signerCredentials(crypto, context);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        // The master secret is wiped when accept() returns, so the SRTP keys must be exported now.
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                profile.keyingMaterialLength());
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal) {
            fatalAlertReceived = true;
        }
        if (alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
        log.debug("dtls alert received level={} alert={}", AlertLevel.getText(alertLevel),
                AlertDescription.getText(alertDescription));
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        log.debug("dtls alert raised level={} alert={} reason={}", AlertLevel.getText(alertLevel),
                AlertDescription.getText(alertDescription), message);
    }

    private TlsFatalAlert refuse(DtlsFailure failure, short alert, String reason) {
        refusal = failure;
        return new TlsFatalAlert(alert, reason);
    }
}
