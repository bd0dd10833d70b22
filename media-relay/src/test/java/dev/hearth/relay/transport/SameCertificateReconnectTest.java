package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.dtls.ClientIdentity;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that keeps one certificate for its whole process (werift, native apps) comes back with new
 * connections: new ICE credentials, a new socket, the same fingerprint. Its new ClientHello must start a fresh
 * DTLS session and fresh SRTP keys, while stray datagrams of the old session and retransmitted ClientHellos
 * of the current handshake must leave the current session alone.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SameCertificateReconnectTest {

    private static final int GCM = 0x0007;
    private static final int OLD_SSRC = 0x0101_0101;
    private static final int NEW_SSRC = 0x0202_0202;

    private static ClientIdentity certificate;

    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private final RecordingListener events = new RecordingListener();
    private UdpMediaServer relay;
    private MediaTransport transport;
    private UdpSrtpPeer before;
    private int relaySequence;

    @BeforeAll
    static void createCertificate() {
        certificate = ClientIdentity.ecdsa();
    }

    @BeforeEach
    void connectTheFirstTime() throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback());
        relay.onPipelineException(pipelineFailures::add);
        transport = relay.create(events);
        before = new UdpSrtpPeer(relay.localAddress(), certificate);
        transport.setRemote(before.ice(), before.fingerprint());
        assertTrue(before.check(transport.localIce(), true, 0x6E7F00FFL));
        before.handshake(relay.certificate().fingerprint(), GCM);
        assertTrue(events.connected.await(5, TimeUnit.SECONDS));
        before.sendRtp(OLD_SSRC);
        TransportInteropTest.awaitTrue(() -> events.packetsOf(OLD_SSRC) == 1, 2_000, () -> "first connection works");
    }

    @AfterEach
    void stop() {
        before.close();
        relay.close();
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    @Test
    void sameCertificateOnANewSocketAfterAnIceRestartGetsMediaWithinTwoSeconds() throws Exception {
        try (UdpSrtpPeer after = reconnect()) {
            assertEquals(2, events.connections.get(), "the transport connected again with the new keys");
            assertTrue(transport.isConnected());
        }
    }

    @Test
    void strayOldSessionDatagramsAndRetransmittedClientHellosDoNotRestartTheSession() throws Exception {
        List<byte[]> oldFlights = before.sentDtls();
        try (UdpSrtpPeer after = reconnect()) {
            long handled = handledDatagrams();
            // The old socket still routes to the transport (it passed ICE): its handshake replayed, epoch 0 and 1.
            for (byte[] datagram : oldFlights) {
                before.sendRaw(datagram);
            }
            // The current client's own ClientHello again, as a retransmission after a lost ServerHello would be.
            after.sendRaw(after.sentDtls().get(0));
            long handledBeforeRestart = oldFlights.size() + 1;
            TransportInteropTest.awaitTrue(() -> handledDatagrams() >= handled + handledBeforeRestart, 2_000,
                    () -> "the relay took in the strays before the next restart");
            // ...and once more over another path after another ICE restart: still the same handshake's random.
            IceParameters third = transport.restartIce();
            try (UdpSrtpPeer otherPath = new UdpSrtpPeer(relay.localAddress(), certificate)) {
                transport.setRemote(otherPath.ice(), otherPath.fingerprint());
                assertTrue(otherPath.check(third, false, 0x6E7F00FFL), "the other path passes ICE");
                otherPath.sendRaw(after.sentDtls().get(0));
                // An old-session straggler that arrives only after this further restart is still a straggler.
                before.sendRaw(oldFlights.get(0));
                long strays = handledBeforeRestart + 3; // + the other path's check and ClientHello, the straggler
                TransportInteropTest.awaitTrue(() -> handledDatagrams() >= handled + strays, 2_000,
                        () -> "the relay took in every stray datagram");
            }

            long relayReceived = events.packetsOf(NEW_SSRC);
            long clientReceived = after.rtpReceived();
            after.sendRtp(NEW_SSRC);
            sendFromRelay(1);
            TransportInteropTest.awaitTrue(() -> events.packetsOf(NEW_SSRC) > relayReceived
                    && after.rtpReceived() > clientReceived, 2_000,
                    () -> "media still flows both ways with the current session's keys: connections "
                            + events.connections.get() + ", closed " + events.closeReason + ", relay counters "
                            + relay.callOnLoop(() -> ((RelayTransport) transport).counters()) + ", client got "
                            + after.rtpReceived() + " rejected " + after.rtpRejected());
            assertEquals(2, events.connections.get(), "no further DTLS session was started");
            assertTrue(transport.isConnected(), "closed: " + events.closeReason);
        }
    }

    /** ICE restart and a new socket with the same certificate; asserts media both ways within 2 s of the check. */
    private UdpSrtpPeer reconnect() throws Exception {
        UdpSrtpPeer after = new UdpSrtpPeer(relay.localAddress(), certificate);
        IceParameters fresh = transport.restartIce();
        transport.setRemote(after.ice(), after.fingerprint());

        long start = System.nanoTime();
        assertTrue(after.check(fresh, true, 0x6E7F00FFL), "the new socket passes ICE");
        after.handshake(relay.certificate().fingerprint(), GCM);
        // The relay installs its keys a moment after the client's handshake returns; media sent before that is
        // dropped, as a browser's first packets would be. So wait for the transport, as the SFU does.
        TransportInteropTest.awaitTrue(() -> transport.isConnected() && events.connections.get() == 2, 2_000,
                () -> "the transport connected again");
        after.sendRtp(NEW_SSRC);
        sendFromRelay(1);
        TransportInteropTest.awaitTrue(() -> events.packetsOf(NEW_SSRC) >= 1 && after.rtpReceived() >= 1, 2_000,
                () -> "media both ways: relay decrypted " + events.packetsOf(NEW_SSRC) + ", client decrypted "
                        + after.rtpReceived());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 2_000, "media after " + millis + " ms");
        return after;
    }

    /** Datagrams the transport took in or dropped, read on the packet loop. */
    private long handledDatagrams() {
        return relay.callOnLoop(() -> {
            PacketCounters counters = ((RelayTransport) transport).counters();
            return counters.receivedCount() + counters.droppedTotal();
        });
    }

    private void sendFromRelay(int packets) {
        for (int i = 0; i < packets; i++) {
            // A new sequence number each time: the relay's SRTP sender refuses to reuse a packet index.
            byte[] plain = UdpSrtpPeer.rtp(relaySequence++, 0x4845_4152, MediaTransport.SEND_HEADROOM);
            relay.packetLoop().execute(() -> transport.sendRtp(plain, 0, plain.length - MediaTransport.SEND_HEADROOM));
        }
    }
}
