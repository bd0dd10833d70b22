package dev.hearth.relay.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.SignatureScheme;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every certificate a browser's {@code generateCertificate} can make (ECDSA P-256, RSA 2048) handshakes with
 * the relay and agrees on SRTP keys in both SRTP profiles. The RSA client signs the way BoringSSL does: RSA-PSS
 * when the relay's CertificateRequest lists it, so the relay must be able to verify what it lists.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClientCertificateKindsTest {

    private static final int GCM = 0x0007;
    private static final int CM_HMAC_SHA1_80 = 0x0001;

    private static final Set<Integer> BROWSER_SCHEMES = Set.of(SignatureScheme.ecdsa_secp256r1_sha256,
            SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pkcs1_sha256);

    private static DtlsCertificate relayCertificate;
    private static ClientIdentity ecdsa;
    private static ClientIdentity rsa;
    private static ClientIdentity rsaPkcs1Only;

    private final DtlsHandshakeExecutor executor = new DtlsHandshakeExecutor(2, 4);
    private final DtlsServer server = new DtlsServer(relayCertificate, executor,
            DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(8)).withInitialRetransmit(Duration.ofMillis(100)));
    private final ExecutorService clients = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void createIdentities() {
        relayCertificate = DtlsCertificate.generate();
        ecdsa = ClientIdentity.ecdsa();
        rsa = ClientIdentity.rsa();
        rsaPkcs1Only = ClientIdentity.rsaPkcs1Only();
    }

    @AfterEach
    void stopThreads() {
        clients.shutdownNow();
        executor.close();
    }

    static Stream<Arguments> identitiesAndProfiles() {
        return Stream.of(ecdsa, rsa, rsaPkcs1Only)
                .flatMap(identity -> Stream.of(Arguments.of(identity, GCM), Arguments.of(identity, CM_HMAC_SHA1_80)));
    }

    /** Whatever the relay lists, a client may sign with: each listed scheme must verify in a real handshake. */
    @Test
    void everySignatureSchemeTheRelayListsVerifiesInAHandshake() throws Exception {
        List<Integer> listed = ClientSignatureSchemes.verifiableBy(server.crypto()).stream()
                .map(SignatureScheme::from).toList();
        assertTrue(listed.containsAll(BROWSER_SCHEMES), "lists what browsers sign with, saw " + listed);

        for (int scheme : listed) {
            ClientIdentity identity = (SignatureScheme.isECDSA(scheme) ? ecdsa : rsa).signingOnly(scheme);
            handshakesAndAgreesOnSrtpKeys(identity, GCM);
        }
    }

    @Test
    void theRootCauseOfAFailureIsDescribedOnOneLine() {
        Exception chain = new DtlsHandshakeException(DtlsFailure.PROTOCOL_ERROR, "DTLS handshake failed",
                new IOException("internal_error(80)",
                        new NoSuchAlgorithmException("SHA256WITHRSAANDMGF1 Signature\nnot available")));

        assertEquals("NoSuchAlgorithmException: SHA256WITHRSAANDMGF1 Signature not available",
                DtlsServerSession.rootCause(chain));
        assertEquals("none", DtlsServerSession.rootCause(
                new DtlsHandshakeException(DtlsFailure.HANDSHAKE_TIMEOUT, "client did not complete")));
    }

    @ParameterizedTest(name = "{0} with SRTP profile {1}")
    @MethodSource("identitiesAndProfiles")
    void handshakesAndAgreesOnSrtpKeys(ClientIdentity identity, int profile) throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = server.accept(wire.server, identity.fingerprint(), reason -> { });
        TestDtlsClient client = new TestDtlsClient(identity, relayCertificate.fingerprint(), profile);

        Future<DTLSTransport> connected = clients.submit(() -> new DTLSClientProtocol().connect(client, wire.client));
        DtlsResult result = session.handshake().get(10, TimeUnit.SECONDS);
        connected.get(10, TimeUnit.SECONDS);

        assertEquals(profile, result.srtpProfileId());
        assertEquals(profile, client.selectedProfile());
        assertArrayEquals(client.keyingMaterial(), result.keyingMaterial());
    }

    /** A browser offers GCM first; a relay configured for CM first (HEARTH_SRTP_PROFILES) still gets CM. */
    @Test
    void theRelaysConfiguredProfileOrderWinsOverTheClients() throws Exception {
        DtlsServer cmFirst = new DtlsServer(relayCertificate, executor, DtlsConfig.defaults()
                .withHandshakeTimeout(Duration.ofSeconds(8)).withInitialRetransmit(Duration.ofMillis(100))
                .withSrtpProfiles(List.of(DtlsSrtpProfile.AES128_CM_HMAC_SHA1_80, DtlsSrtpProfile.AEAD_AES_128_GCM)));
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = cmFirst.accept(wire.server, rsa.fingerprint(), reason -> { });
        TestDtlsClient client = new TestDtlsClient(rsa, relayCertificate.fingerprint(), GCM, CM_HMAC_SHA1_80);

        Future<DTLSTransport> connected = clients.submit(() -> new DTLSClientProtocol().connect(client, wire.client));
        DtlsResult result = session.handshake().get(10, TimeUnit.SECONDS);
        connected.get(10, TimeUnit.SECONDS);

        assertEquals(CM_HMAC_SHA1_80, result.srtpProfileId());
        assertEquals(CM_HMAC_SHA1_80, client.selectedProfile());
        assertArrayEquals(client.keyingMaterial(), result.keyingMaterial());
    }
}
