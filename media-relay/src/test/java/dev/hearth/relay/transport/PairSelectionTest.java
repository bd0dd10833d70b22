package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.dtls.ClientIdentity;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One client with two sockets (say Wi-Fi host and a TURN relay) that nominates both: media goes to the higher
 * priority pair, moves to the other when that pair loses consent, and libnice-style keepalives keep consent.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PairSelectionTest {

    private static final int GCM = 0x0007;
    private static final long HOST = (126L << 24) | (65535L << 8) | 255;
    private static final long RELAYED = (0L << 24) | (65535L << 8) | 255;
    private static final Duration CONSENT = Duration.ofMillis(1000);
    private static final long CHECK_EVERY_MILLIS = 100;

    private static ClientIdentity certificate;

    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private final RecordingListener events = new RecordingListener();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(3);
    private UdpMediaServer relay;
    private MediaTransport transport;
    private UdpSrtpPeer high;
    private UdpSrtpPeer low;
    private int relaySequence;

    @BeforeAll
    static void createCertificate() {
        certificate = ClientIdentity.ecdsa();
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        if (high != null) {
            high.close();
        }
        if (low != null) {
            low.close();
        }
        relay.close();
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    @Test
    void mediaGoesToTheHigherPriorityPairEvenWhenTheLowerOneWasNominatedLast() throws Exception {
        connect(UdpMediaServerConfig.loopback());
        assertTrue(low.check(transport.localIce(), true, RELAYED), "the relayed pair is nominated last");

        long highBefore = high.mediaDatagrams();
        long lowBefore = low.mediaDatagrams();
        sendFromRelay(10);
        TransportInteropTest.awaitTrue(() -> high.rtpReceived() >= 10, 2_000,
                () -> "media reaches the high-priority socket, saw " + (high.mediaDatagrams() - highBefore)
                        + " there and " + (low.mediaDatagrams() - lowBefore) + " at the low one");
        assertEquals(lowBefore, low.mediaDatagrams(), "nothing goes to the lower-priority pair");
    }

    @Test
    void whenTheSelectedPairLosesConsentMediaMovesToTheOtherNominatedPairWithinOneCheckInterval() throws Exception {
        UdpMediaServerConfig config = UdpMediaServerConfig.loopback().withConsentTimeout(CONSENT);
        connect(config);
        assertTrue(low.check(transport.localIce(), true, RELAYED));
        AtomicBoolean highAlive = new AtomicBoolean(true);
        keepChecking(high, HOST, highAlive);
        keepChecking(low, RELAYED, new AtomicBoolean(true));
        timers.scheduleAtFixedRate(() -> sendFromRelay(1), 0, 10, TimeUnit.MILLISECONDS);
        TransportInteropTest.awaitTrue(() -> high.rtpReceived() >= 20, 2_000, () -> "media on the high pair");
        long lowBefore = low.mediaDatagrams();

        highAlive.set(false); // the Wi-Fi socket goes away: no more checks on that pair
        long silentFrom = System.nanoTime();
        TransportInteropTest.awaitTrue(() -> low.mediaDatagrams() > lowBefore + 5, 5_000,
                () -> "media moved to the relayed pair");
        long movedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentFrom);

        long earliest = CONSENT.toMillis() - CHECK_EVERY_MILLIS;
        long latest = CONSENT.toMillis() + config.consentCheckPeriod().toMillis() + 400; // + scheduling slack
        assertTrue(movedAfter >= earliest && movedAfter <= latest,
                "media moved " + movedAfter + " ms after the last check, expected " + earliest + "-" + latest);
        assertTrue(transport.isConnected(), "the transport lives on the other pair, closed: " + events.closeReason);
        assertEquals(1, events.connections.get());
    }

    @Test
    void bindingRequestsWithoutUseCandidateKeepConsent() throws Exception {
        connect(UdpMediaServerConfig.loopback().withConsentTimeout(CONSENT));
        AtomicBoolean alive = new AtomicBoolean(true);
        keepChecking(high, HOST, alive);

        assertConnectedFor(CONSENT.multipliedBy(3));
        sendFromRelay(1);
        TransportInteropTest.awaitTrue(() -> high.rtpReceived() >= 1, 2_000, () -> "media still arrives");
    }

    @Test
    void bindingIndicationsOnAValidatedPairKeepConsent() throws Exception {
        connect(UdpMediaServerConfig.loopback().withConsentTimeout(CONSENT));
        timers.scheduleAtFixedRate(() -> {
            try {
                high.sendIndication();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);

        assertConnectedFor(CONSENT.multipliedBy(3));
        sendFromRelay(1);
        TransportInteropTest.awaitTrue(() -> high.rtpReceived() >= 1, 2_000, () -> "media still arrives");
    }

    @Test
    void withoutAnyKeepaliveTheTransportLosesConsent() throws Exception {
        connect(UdpMediaServerConfig.loopback().withConsentTimeout(CONSENT));
        // Indications from an address that never passed a check count for nothing.
        try (UdpSrtpPeer stranger = new UdpSrtpPeer(relay.localAddress(), certificate)) {
            timers.scheduleAtFixedRate(() -> {
                try {
                    stranger.sendIndication();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);

            assertTrue(events.closed.await(5, TimeUnit.SECONDS));
            assertEquals(RelayTransport.REASON_CONSENT, events.closeReason);
        }
    }

    /** The high-priority socket nominates and completes DTLS; the low one shares the client's ICE agent. */
    private void connect(UdpMediaServerConfig config) throws Exception {
        relay = UdpMediaServer.start(config);
        relay.onPipelineException(pipelineFailures::add);
        transport = relay.create(events);
        high = new UdpSrtpPeer(relay.localAddress(), certificate);
        low = new UdpSrtpPeer(relay.localAddress(), certificate, high.ice());
        transport.setRemote(high.ice(), high.fingerprint());
        assertTrue(high.check(transport.localIce(), true, HOST));
        // Checks while the handshake runs, so a slow first handshake does not outlast the short consent time.
        AtomicBoolean connecting = new AtomicBoolean(true);
        keepChecking(high, HOST, connecting);
        high.handshake(relay.certificate().fingerprint(), GCM);
        assertTrue(events.connected.await(5, TimeUnit.SECONDS));
        connecting.set(false);
    }

    private void keepChecking(UdpSrtpPeer peer, long priority, AtomicBoolean alive) {
        timers.scheduleAtFixedRate(() -> {
            if (alive.get()) {
                try {
                    peer.check(transport.localIce(), false, priority);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, 0, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void assertConnectedFor(Duration duration) throws InterruptedException {
        assertTrue(!events.closed.await(duration.toMillis(), TimeUnit.MILLISECONDS),
                "closed with " + events.closeReason);
        assertTrue(transport.isConnected());
    }

    private void sendFromRelay(int packets) {
        relay.packetLoop().execute(() -> {
            for (int i = 0; i < packets; i++) {
                byte[] plain = UdpSrtpPeer.rtp(relaySequence++ & 0xFFFF, 0x4845_4152, MediaTransport.SEND_HEADROOM);
                transport.sendRtp(plain, 0, plain.length - MediaTransport.SEND_HEADROOM);
            }
        });
    }
}
