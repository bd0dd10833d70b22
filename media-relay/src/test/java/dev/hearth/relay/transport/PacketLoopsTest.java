package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.dtls.ClientIdentity;
import dev.hearth.relay.dtls.DtlsCertificate;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several packet loops behind the one port: a transport's packets are processed on the loop that owns it, whichever
 * loop's socket read them, and transports on every loop carry media through the same port.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PacketLoopsTest {

    private static final int GCM = 0x0007;
    private static final long HOST = (126L << 24) | (65535L << 8) | 255;
    private static final int PACKETS = 50;

    private static ClientIdentity certificate;

    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private final List<UdpSrtpPeer> peers = new ArrayList<>();
    private UdpMediaServer relay;

    @BeforeAll
    static void createCertificate() {
        certificate = ClientIdentity.ecdsa();
    }

    @AfterEach
    void stop() {
        peers.forEach(UdpSrtpPeer::close);
        if (relay != null) {
            relay.close();
        }
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    @Test
    void aPacketReadByAnotherLoopIsProcessedOnTheLoopThatOwnsItsTransport() throws Exception {
        // A client that sends to loop 0's port although its transport lives on loop 1 (and advertised loop 1's):
        // everything arrives on the wrong loop. (NIO, so that transport's path is covered too.)
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback().withThreads(2), DtlsCertificate.generate(),
                NativeTransport.nio());
        relay.onPipelineException(pipelineFailures::add);
        ThreadCheckingListener events = new ThreadCheckingListener(relay.loop(1));
        MediaTransport transport = relay.create(events, 1);
        assertFalse(transport.candidates().contains(relay.localAddress()), "loop 1 advertises a port of its own");
        UdpSrtpPeer peer = connect(transport, relay.localAddress());
        for (int i = 0; i < PACKETS; i++) {
            peer.sendRtp(0x1111);
        }
        await(() -> events.rtp.get() == PACKETS, "the owner loop delivered every packet");

        assertEquals(0, events.offLoop.get(), "every callback ran on the owner loop");
        assertTrue(events.onLoop.get() > PACKETS, "connected plus every packet");
        LoopCounters reader = relay.loopCounters().get(0);
        LoopCounters owner = relay.loopCounters().get(1);
        assertTrue(reader.handedOut() >= PACKETS, "loop 0 read them and handed them over: " + reader);
        assertEquals(0, reader.routed(), "loop 0 processed none of them: " + reader);
        assertTrue(owner.handedIn() >= PACKETS && owner.routed() >= owner.handedIn(), "loop 1 did: " + owner);

        // The answer goes out from the owner loop through the socket loop 0 reads.
        sendFromRelay(relay, 1, transport, PACKETS);
        await(() -> peer.rtpReceived() == PACKETS, "the client received what the owner loop sent");
        assertEquals(PACKETS, relay.loopCounters().get(1).sent());
    }

    @Test
    void transportsOnEveryLoopCarryMediaThroughTheirLoopsOwnPortWithoutHandOver() throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback().withThreads(2));
        relay.onPipelineException(pipelineFailures::add);
        List<ThreadCheckingListener> listeners = new ArrayList<>();
        List<MediaTransport> transports = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ThreadCheckingListener events = new ThreadCheckingListener(relay.loop(i % 2));
            listeners.add(events);
            transports.add(relay.create(events, i % 2));
        }
        for (MediaTransport transport : transports) {
            UdpSrtpPeer peer = connect(transport, transport.candidates().get(0));
            for (int i = 0; i < PACKETS; i++) {
                peer.sendRtp(0x2222);
            }
        }
        for (int i = 0; i < transports.size(); i++) {
            ThreadCheckingListener events = listeners.get(i);
            await(() -> events.rtp.get() == PACKETS, "transport " + events + " got every packet");
            assertEquals(0, events.offLoop.get(), "transport " + i + " was only touched by its own loop");
            sendFromRelay(relay, i % 2, transports.get(i), PACKETS);
        }
        for (int i = 0; i < peers.size(); i++) {
            UdpSrtpPeer peer = peers.get(i);
            await(() -> peer.rtpReceived() == PACKETS, "client " + peer.localAddress() + " got every packet");
        }
        for (LoopCounters loop : relay.loopCounters()) {
            assertTrue(loop.routed() >= 3 * PACKETS && loop.sent() == 3 * PACKETS, "each loop carried its share: "
                    + relay.loopCounters());
            assertEquals(0, loop.handedOut(), "each loop read only its own transports' packets: "
                    + relay.loopCounters());
        }
        assertEquals(2, relay.loopCount());
        assertFalse(transports.get(0).candidates().equals(transports.get(1).candidates()),
                "the loops advertise different ports");
    }

    @Test
    void aSecondRelayCannotJoinThePortOfOneWithSeveralLoops() {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback().withThreads(2));
        int port = relay.localAddress().getPort();
        assertThrows(IllegalStateException.class, () -> UdpMediaServer.start(UdpMediaServerConfig.loopback()
                .withThreads(2).withPort(port).withTcpPort(UdpMediaServerConfig.TCP_OFF)));
        assertFalse(relay.localAddresses().isEmpty());
    }

    /** A client of {@code transport} that sends to {@code relayAddress}. */
    private UdpSrtpPeer connect(MediaTransport transport, InetSocketAddress relayAddress) throws Exception {
        UdpSrtpPeer peer = new UdpSrtpPeer(relayAddress, certificate);
        peers.add(peer);
        transport.setRemote(peer.ice(), peer.fingerprint());
        assertTrue(peer.check(transport.localIce(), true, HOST), "the check was answered");
        peer.handshake(relay.certificate().fingerprint(), GCM);
        await(transport::isConnected, "the transport connected");
        return peer;
    }

    private static void sendFromRelay(UdpMediaServer relay, int loop, MediaTransport transport, int packets) {
        relay.packetLoop(loop).execute(() -> {
            for (int i = 0; i < packets; i++) {
                byte[] plain = UdpSrtpPeer.rtp(i, 0x4845_4152, MediaTransport.SEND_HEADROOM);
                transport.sendRtp(plain, 0, plain.length - MediaTransport.SEND_HEADROOM);
            }
        });
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Counts callbacks and whether each ran on the loop that should own the transport. */
    private static final class ThreadCheckingListener implements MediaTransportListener {
        private final PacketLoop owner;
        final AtomicLong rtp = new AtomicLong();
        final AtomicLong onLoop = new AtomicLong();
        final AtomicLong offLoop = new AtomicLong();

        ThreadCheckingListener(PacketLoop owner) {
            this.owner = owner;
        }

        private void where() {
            (owner.executor().inEventLoop() ? onLoop : offLoop).incrementAndGet();
        }

        @Override
        public void onConnected(MediaTransport transport) {
            where();
        }

        @Override
        public void onRtp(MediaTransport transport, byte[] array, int offset, int length, long arrivalNanos) {
            where();
            rtp.incrementAndGet();
        }

        @Override
        public void onRtcp(MediaTransport transport, byte[] array, int offset, int length) {
            where();
        }

        @Override
        public void onClosed(MediaTransport transport, String reason) {
        }

        @Override
        public String toString() {
            return "on " + owner;
        }
    }
}
