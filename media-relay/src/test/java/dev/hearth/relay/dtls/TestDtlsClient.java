package dev.hearth.relay.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * A browser stand-in: BouncyCastle's DTLS client with its own certificate (the relay's own ECDSA kind, or a
 * {@link ClientIdentity} such as RSA), offering use_srtp. Its crypto has the BouncyCastle provider, so it can
 * sign whatever scheme a browser would (RSA-PSS included) whatever the JDK offers.
 */
public class TestDtlsClient extends DefaultTlsClient {

    private static final JcaTlsCrypto CRYPTO = new JcaTlsCryptoProvider().setProvider(new BouncyCastleProvider())
            .create(new SecureRandom());

    private final DtlsCertificate ownCertificate;
    private final ClientIdentity identity;
    private final Fingerprint expectedServerFingerprint;
    private final int[] offeredProfiles;

    private volatile int selectedProfile = -1;
    private volatile byte[] keyingMaterial;
    private volatile boolean closeNotifyReceived;

    /** @param offeredProfiles SRTP profile ids to offer, or null to send no use_srtp extension */
    TestDtlsClient(DtlsCertificate ownCertificate, Fingerprint expectedServerFingerprint, int... offeredProfiles) {
        this(ownCertificate, null, expectedServerFingerprint, offeredProfiles);
    }

    /** @param offeredProfiles SRTP profile ids to offer */
    public TestDtlsClient(ClientIdentity identity, Fingerprint expectedServerFingerprint, int... offeredProfiles) {
        this(null, identity, expectedServerFingerprint, offeredProfiles);
    }

    private TestDtlsClient(DtlsCertificate ownCertificate, ClientIdentity identity,
            Fingerprint expectedServerFingerprint, int... offeredProfiles) {
        super(CRYPTO);
        this.ownCertificate = ownCertificate;
        this.identity = identity;
        this.expectedServerFingerprint = expectedServerFingerprint;
        this.offeredProfiles = offeredProfiles;
    }

    public int selectedProfile() {
        return selectedProfile;
    }

    public byte[] keyingMaterial() {
        return keyingMaterial;
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
        return TlsUtils.getSupportedCipherSuites(getCrypto(),
                new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256});
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return 50; // keeps the lossy-link tests fast
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return 5_000;
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (offeredProfiles != null) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null || chosen.getProtectionProfiles().length != 1 || chosen.getMki().length != 0) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server use_srtp malformed");
        }
        selectedProfile = chosen.getProtectionProfiles()[0];
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                byte[] der = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
                if (!expectedServerFingerprint.matches(der)) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate, "server fingerprint mismatch");
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return identity != null ? identity.credentials(CRYPTO, context, request)
                        : ownCertificate.signerCredentials(CRYPTO, context);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        int length = DtlsSrtpProfile.fromId(selectedProfile).orElseThrow().keyingMaterialLength();
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }
}
