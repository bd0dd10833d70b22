package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.dtls.ClientIdentity;
import dev.hearth.relay.dtls.DtlsFailure;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay-wide counters metrics export: they add up every transport, keep counting what a transport counted
 * after it closes (so an exported counter never goes backwards), tell SRTP authentication failures apart from
 * other SRTP drops, and count DTLS handshake outcomes by failure.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RelayStatisticsTest {

    private static final int GCM = 0x0007;
    private static final long PRIORITY = (126L << 24) | (65535L << 8) | 255;
    private static final int SSRC = 0x1234_5678;

    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private final RecordingListener events = new RecordingListener();
    private UdpMediaServer relay;
    private MediaTransport transport;
    private UdpSrtpPeer peer;

    @BeforeEach
    void start() {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback());
        relay.onPipelineException(pipelineFailures::add);
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        relay.close();
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    @Test
    void countsSurviveTheTransportThatCountedThem() throws Exception {
        connect();
        for (int i = 0; i < 5; i++) {
            peer.sendRtp(SSRC);
        }
        TransportInteropTest.awaitTrue(() -> events.packetsOf(SSRC) == 5, 2_000, () -> "RTP reached the listener");
        RelayStatistics open = relay.statistics();
        assertEquals(1, open.transports());
        assertEquals(1, open.dtlsHandshakesCompleted());
        // The check, at least one DTLS record and the five packets.
        assertTrue(open.received() >= 7, open::toString);

        transport.close();
        assertTrue(events.closed.await(2, TimeUnit.SECONDS));
        RelayStatistics closed = relay.statistics();

        assertEquals(0, closed.transports());
        assertTrue(closed.received() >= open.received(), () -> open + " then " + closed);
    }

    @Test
    void srtpAuthenticationFailuresAreCountedApart() throws Exception {
        connect();
        peer.sendRtp(SSRC);
        peer.sendTamperedRtp(SSRC);
        peer.sendTamperedRtp(SSRC);
        TransportInteropTest.awaitTrue(() -> relay.statistics().dropped(DropReason.SRTP_AUTH_FAILED) == 2, 2_000,
                () -> relay.statistics().toString());

        assertEquals(0, relay.statistics().dropped(DropReason.SRTP_REJECTED));
        assertEquals(1, events.packetsOf(SSRC));
    }

    @Test
    void aHandshakeWithTheWrongCertificateCountsAsAFingerprintMismatch() throws Exception {
        transport = relay.create(events);
        peer = new UdpSrtpPeer(relay.localAddress(), ClientIdentity.ecdsa());
        // The signaled fingerprint is another certificate's: the relay must refuse this client.
        transport.setRemote(peer.ice(), ClientIdentity.ecdsa().fingerprint().toSdpValue());
        assertTrue(peer.check(transport.localIce(), true, PRIORITY));

        assertThrows(IOException.class, () -> peer.handshake(relay.certificate().fingerprint(), GCM));

        TransportInteropTest.awaitTrue(
                () -> relay.statistics().dtlsHandshakesFailed(DtlsFailure.FINGERPRINT_MISMATCH) == 1, 2_000,
                () -> relay.statistics().toString());
        assertEquals(0, relay.statistics().dtlsHandshakesCompleted());
    }

    private void connect() throws Exception {
        transport = relay.create(events);
        peer = new UdpSrtpPeer(relay.localAddress(), ClientIdentity.ecdsa());
        transport.setRemote(peer.ice(), peer.fingerprint());
        assertTrue(peer.check(transport.localIce(), true, PRIORITY));
        peer.handshake(relay.certificate().fingerprint(), GCM);
        assertTrue(events.connected.await(5, TimeUnit.SECONDS));
    }
}
