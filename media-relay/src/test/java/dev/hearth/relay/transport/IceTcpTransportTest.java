package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.dtls.DtlsCertificate;
import dev.hearth.relay.stun.StunMessage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The passive ICE-TCP port with hand-made RFC 4571 frames: a STUN check over a connection authenticates it as a
 * pair exactly as over UDP (RFC 6544 section 7.2), and what nobody authenticated costs bounded memory, file
 * descriptors and time: broken or oversized frames close the connection, a slowloris runs out of time, a flood
 * of idle connections is refused beyond the cap. No exception reaches the pipeline, no buffer leaks.
 */
@ExtendWith(NettyLeakCheck.class)
class IceTcpTransportTest {

    private static final IceParameters CLIENT = new IceParameters("clientUfrag", "clientPasswordOf24Chars!!");
    private static final String CLIENT_FINGERPRINT = DtlsCertificate.generate().fingerprint().toSdpValue();
    private static final int MAX_UNAUTHENTICATED = 16;

    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private final List<TcpFrameClient> clients = new ArrayList<>();
    private UdpMediaServer relay;
    private RelayTransport transport;
    private final RecordingListener events = new RecordingListener();

    private void start(Duration authenticationTimeout) {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback()
                .withTcpLimits(new IceTcpLimits(authenticationTimeout, MAX_UNAUTHENTICATED)));
        relay.onPipelineException(pipelineFailures::add);
        transport = (RelayTransport) relay.create(events);
        transport.setRemote(CLIENT, CLIENT_FINGERPRINT);
    }

    @AfterEach
    void tearDown() {
        clients.forEach(TcpFrameClient::close);
        if (relay != null) {
            relay.close();
        }
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    @Test
    void aCheckOverTheConnectionAuthenticatesItAsAPairAndIsAnsweredFramed() throws Exception {
        start(Duration.ofSeconds(10));
        TcpFrameClient client = connect();
        client.sendFrame(check(true));

        StunMessage answer = client.receiveStun(2_000);
        assertNotNull(answer, "a framed Binding success response");
        assertTrue(answer.isBindingSuccessResponse());
        assertEquals(client.localAddress(), answer.xorMappedAddress());
        assertEquals(client.localAddress(), onLoop(() -> transport.agent().selected()));
        assertEquals(0, relay.unauthenticatedTcpConnections());
        assertEquals(List.of(new InetSocketAddress(relay.tcpAddress().getAddress(), relay.tcpAddress().getPort())),
                transport.tcpCandidates());
    }

    @Test
    void aClosedConnectionDropsItsPairAtOnce() throws Exception {
        start(Duration.ofSeconds(10));
        TcpFrameClient client = connect();
        client.sendFrame(check(true));
        assertNotNull(client.receiveStun(2_000));

        client.close();

        // Consent would take 30 s; the pair goes with its connection, and with no pair left the transport closes.
        assertTrue(events.closed.await(5, TimeUnit.SECONDS), "the transport lost its only pair");
        assertEquals(RelayTransport.REASON_CONSENT, events.closeReason);
    }

    @Test
    void garbageFramesAreDroppedAndTheConnectionCanStillAuthenticate() throws Exception {
        start(Duration.ofSeconds(10));
        TcpFrameClient client = connect();
        client.sendFrame(new byte[] {(byte) 0xFF, 1, 2, 3});
        client.sendFrame(new byte[] {0, 1, 0, 0});            // a STUN-looking header, truncated
        client.sendFrame(new byte[] {(byte) 0x80, 0, 0, 1});  // RTP from an unauthenticated connection
        client.sendRaw(new byte[] {0, 0});                     // an empty frame
        client.sendFrame(check(true));

        assertNotNull(client.receiveStun(2_000), "the connection is still usable");
        assertEquals(0, relay.pipelineExceptions());
        assertTrue(relay.portCounters().droppedCount(DropReason.UNKNOWN_PROTOCOL) >= 1);
        assertTrue(relay.portCounters().droppedCount(DropReason.UNVERIFIED_SOURCE) >= 1);
    }

    @Test
    void aFrameLongerThanAnyPacketClosesTheConnectionBeforeItIsBuffered() throws Exception {
        start(Duration.ofSeconds(10));
        TcpFrameClient client = connect();
        client.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3});

        assertTrue(client.closedByRelay(2_000), "closed on the length alone");
        assertTrue(relay.portCounters().droppedCount(DropReason.TCP_REFUSED) >= 1);
        awaitOnLoop(() -> relay.tcpConnections() == 0);
    }

    @Test
    void aSlowlorisIsClosedWhenItsTimeToAuthenticateRunsOut() throws Exception {
        start(Duration.ofMillis(500));
        TcpFrameClient client = connect();
        byte[] check = check(true);
        client.sendRaw(new byte[] {(byte) (check.length >>> 8), (byte) check.length});
        for (int i = 0; i < 5; i++) {
            client.sendRaw(new byte[] {check[i]});
            Thread.sleep(50);
        }

        assertTrue(client.closedByRelay(3_000), "a connection that never completes a check is closed");
        awaitOnLoop(() -> relay.unauthenticatedTcpConnections() == 0);
        assertNull(onLoop(() -> transport.agent().selected()), "the slowloris validated nothing");
    }

    @Test
    void aThousandIdleConnectionsAreCappedAndTheRelayStillServes() throws Exception {
        start(Duration.ofSeconds(1));
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            clients.add(new TcpFrameClient(relay.tcpAddress()));
        }
        assertTrue(relay.unauthenticatedTcpConnections() <= MAX_UNAUTHENTICATED);
        for (TcpFrameClient client : clients) {
            if (client.closedByRelay(1)) {
                refused++;
            }
        }
        awaitOnLoop(() -> relay.portCounters().droppedCount(DropReason.TCP_REFUSED) >= 1000 - MAX_UNAUTHENTICATED);
        assertTrue(relay.tcpConnections() <= MAX_UNAUTHENTICATED, "open: " + relay.tcpConnections());
        // The idle ones that were let in run out of time too; then a real client gets in.
        awaitOnLoop(() -> relay.tcpConnections() == 0);
        clients.forEach(TcpFrameClient::close);
        clients.clear();
        TcpFrameClient client = connect();
        client.sendFrame(check(true));
        assertNotNull(client.receiveStun(2_000), "the relay answers after the flood; refused early: " + refused);
    }

    @Test
    void aConnectionCarriesTheOneTransportItAuthenticatedFor() throws Exception {
        start(Duration.ofSeconds(10));
        RelayTransport other = (RelayTransport) relay.create(new RecordingListener());
        other.setRemote(CLIENT, CLIENT_FINGERPRINT);
        TcpFrameClient client = connect();
        client.sendFrame(check(true));
        assertNotNull(client.receiveStun(2_000));

        StunClient builder = new StunClient(relay.localAddress());
        builder.close();
        client.sendFrame(builder.check(other.localIce().ufrag() + ":" + CLIENT.ufrag(), other.localIce().password(),
                true));

        assertNull(client.receiveStun(StunClient.SILENCE_MILLIS), "a second transport's check is not answered");
        assertNull(onLoop(() -> other.agent().selected()));
    }

    private TcpFrameClient connect() throws IOException {
        TcpFrameClient client = new TcpFrameClient(relay.tcpAddress());
        clients.add(client);
        return client;
    }

    private byte[] check(boolean nominate) throws IOException {
        try (StunClient builder = new StunClient(relay.localAddress())) {
            return builder.check(transport.localIce().ufrag() + ":" + CLIENT.ufrag(), transport.localIce().password(),
                    nominate);
        }
    }

    private <T> T onLoop(Callable<T> query) {
        return relay.callOnLoop(query);
    }

    private void awaitOnLoop(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!onLoop(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached on the packet loop");
            }
            Thread.sleep(20);
        }
    }
}
