package dev.hearth.relay.dtls;

import dev.hearth.relay.wire.Wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 15, unit = TimeUnit.SECONDS)
class DtlsServerSessionTest {

    private static final int GCM = 0x0007;
    private static final int CM_HMAC_SHA1_80 = 0x0001;
    private static final int CM_HMAC_SHA1_32 = 0x0002;

    private static DtlsCertificate relayCertificate;
    private static DtlsCertificate browserCertificate;
    private static DtlsCertificate otherBrowserCertificate;

    private final DtlsHandshakeExecutor executor = new DtlsHandshakeExecutor(4, 16);
    private final DtlsServer server = new DtlsServer(relayCertificate, executor,
            DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(5)).withInitialRetransmit(Duration.ofMillis(50)));
    private final ExecutorService clients = Executors.newCachedThreadPool();
    private final List<DtlsCloseReason> closeReasons = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createCertificates() {
        relayCertificate = DtlsCertificate.generate();
        browserCertificate = DtlsCertificate.generate();
        otherBrowserCertificate = DtlsCertificate.generate();
    }

    @AfterEach
    void stopThreads() {
        clients.shutdownNow();
        executor.close();
    }

    @Test
    void negotiatesGcmAndAgreesOnKeyingMaterialWithTheClient() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        TestDtlsClient client = browser(browserCertificate, CM_HMAC_SHA1_80, GCM);

        connect(client, wire);
        DtlsResult result = session.handshake().get(5, TimeUnit.SECONDS);

        assertEquals(GCM, result.srtpProfileId());
        assertEquals(GCM, client.selectedProfile());
        assertEquals(56, result.keyingMaterial().length);
        assertArrayEquals(client.keyingMaterial(), result.keyingMaterial());
    }

    @Test
    void negotiatesCmHmacSha1WhenTheClientOffersOnlyThat() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        TestDtlsClient client = browser(browserCertificate, CM_HMAC_SHA1_80);

        connect(client, wire);
        DtlsResult result = session.handshake().get(5, TimeUnit.SECONDS);

        assertEquals(CM_HMAC_SHA1_80, result.srtpProfileId());
        assertEquals(60, result.keyingMaterial().length);
        assertArrayEquals(client.keyingMaterial(), result.keyingMaterial());
    }

    @Test
    void failsWhenTheClientOffersNoSupportedSrtpProfile() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);

        Future<DTLSTransport> client = clients.submit(
                () -> new DTLSClientProtocol().connect(browser(browserCertificate, CM_HMAC_SHA1_32), wire.client));

        assertFailure(DtlsFailure.NO_SRTP_PROFILE, session);
        assertClientReceivedAlert(client, AlertDescription.handshake_failure);
    }

    @Test
    void failsWhenTheClientSendsNoUseSrtpExtension() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);

        clients.submit(() -> new DTLSClientProtocol().connect(
                new TestDtlsClient(browserCertificate, relayCertificate.fingerprint(), (int[]) null), wire.client));

        assertFailure(DtlsFailure.NO_SRTP_PROFILE, session);
    }

    @Test
    void rejectsAClientCertificateThatDoesNotMatchTheSdpFingerprint() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        TestDtlsClient impostor = browser(otherBrowserCertificate, GCM);

        Future<DTLSTransport> client = clients.submit(() -> new DTLSClientProtocol().connect(impostor, wire.client));

        assertFailure(DtlsFailure.FINGERPRINT_MISMATCH, session);
        assertClientReceivedAlert(client, AlertDescription.bad_certificate);
        awaitTrue(() -> closeReasons.equals(List.of(DtlsCloseReason.HANDSHAKE_FAILED)));
        assertTrue(wire.server.isClosed());
    }

    @Test
    void silentClientTimesOutAndReleasesTheHandshakeThread() throws Exception {
        DtlsServer impatient = new DtlsServer(relayCertificate, executor,
                DtlsConfig.defaults().withHandshakeTimeout(Duration.ofMillis(300)).withInitialRetransmit(Duration.ofMillis(50)));
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = impatient.accept(wire.server, browserCertificate.fingerprint(), closeReasons::add);

        assertFailure(DtlsFailure.HANDSHAKE_TIMEOUT, session);
        awaitTrue(() -> executor.busyThreads() == 0);
        assertTrue(wire.server.isClosed());
        assertTrue(session.isClosed());
        assertEquals(List.of(DtlsCloseReason.HANDSHAKE_FAILED), closeReasons);
    }

    @Test
    void completesOverALinkThatDropsEveryThirdDatagram() throws Exception {
        DatagramWire wire = DatagramWire.droppingEvery(3);
        DtlsServerSession session = accept(wire, browserCertificate);
        TestDtlsClient client = browser(browserCertificate, GCM);

        connect(client, wire);
        DtlsResult result = session.handshake().get(5, TimeUnit.SECONDS);

        assertArrayEquals(client.keyingMaterial(), result.keyingMaterial());
        assertTrue(wire.droppedCount() > 0);
    }

    @Test
    void resendsItsFinishedWhenTheClientRepeatsItsFinalFlight() throws Exception {
        // Lose the relay's first encrypted record (its Finished): the handshake is complete on the relay, and
        // only the post-handshake reader can answer the client's retransmission.
        AtomicBoolean lostFinished = new AtomicBoolean();
        DatagramWire wire = new DatagramWire((sequence, direction, datagram) -> direction == DatagramWire.Direction.TO_CLIENT
                && isEpochOneHandshakeRecord(datagram) && lostFinished.compareAndSet(false, true));
        DtlsServerSession session = accept(wire, browserCertificate);
        TestDtlsClient client = browser(browserCertificate, GCM);

        connect(client, wire);

        assertTrue(lostFinished.get());
        assertArrayEquals(client.keyingMaterial(), session.handshake().get(5, TimeUnit.SECONDS).keyingMaterial());
    }

    @Test
    void garbageDatagramsBeforeAndDuringTheHandshakeAreIgnored() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        Random random = new Random(42);
        for (byte[] junk : hostileDatagrams(random)) {
            wire.server.offer(junk);
        }
        wire.afterDeliveryToServer(() -> {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            wire.server.offer(junk);
        });
        DtlsServerSession session = accept(wire, browserCertificate);
        TestDtlsClient client = browser(browserCertificate, GCM);

        connect(client, wire);

        assertArrayEquals(client.keyingMaterial(), session.handshake().get(5, TimeUnit.SECONDS).keyingMaterial());
    }

    @Test
    void clientCloseNotifyEndsTheEstablishedSession() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        DTLSTransport clientTransport = connect(browser(browserCertificate, GCM), wire);
        session.handshake().get(5, TimeUnit.SECONDS);

        clientTransport.close();

        awaitTrue(session::isClosed);
        assertEquals(List.of(DtlsCloseReason.PEER_CLOSE_NOTIFY), closeReasons);
        awaitTrue(() -> executor.busyThreads() == 0);
    }

    @Test
    void applicationDataAfterTheHandshakeIsIgnored() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        DTLSTransport clientTransport = connect(browser(browserCertificate, GCM), wire);
        session.handshake().get(5, TimeUnit.SECONDS);

        byte[] data = new byte[100];
        for (int i = 0; i < 200; i++) {
            clientTransport.send(data, 0, data.length);
        }

        awaitTrue(() -> executor.busyThreads() == 0);
        assertFalse(session.isClosed());
        assertTrue(closeReasons.isEmpty());
    }

    @Test
    void localCloseSendsCloseNotifyToTheClient() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        TestDtlsClient client = browser(browserCertificate, GCM);
        DTLSTransport clientTransport = connect(client, wire);
        session.handshake().get(5, TimeUnit.SECONDS);

        session.close();
        session.close();

        readUntilClosed(clientTransport);
        assertTrue(client.closeNotifyReceived());
        assertEquals(List.of(DtlsCloseReason.LOCAL_CLOSE), closeReasons);
        awaitTrue(wire.server::isClosed);
    }

    @Test
    void closingDuringTheHandshakeFailsItAndReleasesTheThread() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        awaitTrue(() -> executor.busyThreads() == 1);

        session.close();

        assertFailure(DtlsFailure.CLOSED, session);
        awaitTrue(() -> executor.busyThreads() == 0);
        assertEquals(List.of(DtlsCloseReason.LOCAL_CLOSE), closeReasons);
    }

    @Test
    void refusesNewSessionsAtOnceWhenNoHandshakeCapacityIsLeft() throws Exception {
        try (DtlsHandshakeExecutor tiny = new DtlsHandshakeExecutor(1, 1)) {
            DtlsServer busy = new DtlsServer(relayCertificate, tiny, DtlsConfig.defaults());
            DtlsServerSession running = busy.accept(DatagramWire.lossless().server, browserCertificate.fingerprint(), r -> { });
            DtlsServerSession queued = busy.accept(DatagramWire.lossless().server, browserCertificate.fingerprint(), r -> { });
            DtlsServerSession refused = busy.accept(DatagramWire.lossless().server, browserCertificate.fingerprint(), r -> { });

            assertFailure(DtlsFailure.BUSY, refused);
            running.close();
            queued.close();
            assertFailure(DtlsFailure.CLOSED, queued);
        }
    }

    @Test
    void refusesClientsThatOnlySpeakDtls10() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        TestDtlsClient legacy = new TestDtlsClient(browserCertificate, relayCertificate.fingerprint(), GCM) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return ProtocolVersion.DTLSv10.only();
            }

            @Override
            protected int[] getSupportedCipherSuites() {
                return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA};
            }
        };

        Future<DTLSTransport> client = clients.submit(() -> new DTLSClientProtocol().connect(legacy, wire.client));

        assertFailure(DtlsFailure.PROTOCOL_ERROR, session);
        assertThrows(ExecutionException.class, () -> client.get(10, TimeUnit.SECONDS));
    }

    @Test
    void keyingMaterialIsNeverPrinted() throws Exception {
        DatagramWire wire = DatagramWire.lossless();
        DtlsServerSession session = accept(wire, browserCertificate);
        connect(browser(browserCertificate, GCM), wire);
        DtlsResult result = session.handshake().get(5, TimeUnit.SECONDS);

        String text = result.toString().toLowerCase();
        String keyHex = HexFormat.of().formatHex(result.keyingMaterial(), 0, 4);
        String keyDecimal = Arrays.toString(Arrays.copyOf(result.keyingMaterial(), 4)).replace("]", "");
        assertTrue(text.contains("redacted"));
        assertFalse(text.contains(keyHex));
        assertFalse(text.contains(keyDecimal));
    }

    private DtlsServerSession accept(DatagramWire wire, DtlsCertificate expectedBrowser) {
        return server.accept(wire.server, expectedBrowser.fingerprint(), closeReasons::add);
    }

    private static TestDtlsClient browser(DtlsCertificate certificate, int... profiles) {
        return new TestDtlsClient(certificate, relayCertificate.fingerprint(), profiles);
    }

    private DTLSTransport connect(TestDtlsClient client, DatagramWire wire) throws Exception {
        return clients.submit(() -> new DTLSClientProtocol().connect(client, wire.client)).get(10, TimeUnit.SECONDS);
    }

    private static void assertFailure(DtlsFailure expected, DtlsServerSession session) throws Exception {
        CompletableFuture<DtlsResult> handshake = session.handshake();
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> handshake.get(10, TimeUnit.SECONDS));
        DtlsHandshakeException failure = assertInstanceOf(DtlsHandshakeException.class, thrown.getCause());
        assertEquals(expected, failure.failure());
        assertEquals(expected.code(), failure.code());
    }

    private static void assertClientReceivedAlert(Future<DTLSTransport> client, short alert) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> client.get(10, TimeUnit.SECONDS));
        TlsFatalAlertReceived received = assertInstanceOf(TlsFatalAlertReceived.class, thrown.getCause());
        assertEquals(alert, received.getAlertDescription());
    }

    private static void readUntilClosed(DTLSTransport transport) {
        byte[] buffer = new byte[1500];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                transport.receive(buffer, 0, buffer.length, 100);
            }
        } catch (IOException closed) {
            return;
        }
    }

    private static boolean isEpochOneHandshakeRecord(byte[] datagram) {
        return datagram.length > 13 && datagram[0] == 22 && datagram[3] == 0 && datagram[4] == 1;
    }

    private static List<byte[]> hostileDatagrams(Random random) {
        byte[] randomBlob = new byte[900];
        random.nextBytes(randomBlob);
        byte[] lyingLength = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0x7F, (byte) 0xFF, 1};
        byte[] truncatedHeader = {22, (byte) 0xFE, (byte) 0xFD, 0, 0};
        byte[] alertWrongEpoch = {21, (byte) 0xFE, (byte) 0xFD, 0, 7, 0, 0, 0, 0, 0, 1, 0, 2, 2, 40};
        byte[] oversized = new byte[QueueDatagramTransport.RECEIVE_LIMIT + 1];
        return List.of(new byte[] {0}, randomBlob, lyingLength, truncatedHeader, alertWrongEpoch, oversized);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
