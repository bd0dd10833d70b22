package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.libwebrtc.PublishingPeer;
import dev.hearth.relay.sdp.Fingerprint;
import dev.hearth.relay.sdp.HostCandidate;
import dev.hearth.relay.sdp.IceCredentials;
import dev.hearth.relay.sdp.PublishAnswer;
import dev.hearth.relay.sdp.PublishOffer;
import dev.hearth.relay.sdp.RelayCapabilities;
import dev.hearth.relay.sdp.RelayTransportParameters;
import dev.hearth.relay.sdp.SdpOrigin;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A relay advertising 127.0.0.1 and ::1 serves IPv4 and IPv6 members at once: real libwebrtc reaches it over ::1
 * alone, and over 127.0.0.1 alone. Each address has its own socket, so answers leave from the address the client
 * checked; a wildcard socket answered from the kernel's choice (the host's LAN address), which libwebrtc ignores.
 */
@ExtendWith(NettyLeakCheck.class)
class DualStackTransportTest {

    private static final InetAddress IPV4_LOOPBACK = address("127.0.0.1");
    private static final InetAddress IPV6_LOOPBACK = address("::1");

    private final SecureRandom random = new SecureRandom();
    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private UdpMediaServer relay;
    private PublishingPeer peer;

    @AfterEach
    void tearDown() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (relay != null) {
            relay.close();
        }
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    @Test
    void anIpv6OnlyMemberConnects() throws Exception {
        connectsOver(IPV6_LOOPBACK);
    }

    @Test
    void anIpv4OnlyMemberConnectsToTheSamePort() throws Exception {
        connectsOver(IPV4_LOOPBACK);
    }

    @Test
    void everyLocalAdvertisedAddressHasItsOwnSocketOnEachLoopsPort() {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback().withThreads(2)
                .withAdvertised(List.of(IPV4_LOOPBACK, IPV6_LOOPBACK)));
        List<InetSocketAddress> bound = relay.localAddresses();
        assertEquals(4, bound.size(), "two addresses on each of two loops' ports: " + bound);
        int loop0 = bound.get(0).getPort();
        int loop1 = bound.get(2).getPort();
        assertNotEquals(loop0, loop1);
        assertEquals(List.of(new InetSocketAddress(IPV4_LOOPBACK, loop0), new InetSocketAddress(IPV6_LOOPBACK, loop0),
                new InetSocketAddress(IPV4_LOOPBACK, loop1), new InetSocketAddress(IPV6_LOOPBACK, loop1)), bound);
    }

    private void connectsOver(InetAddress only) throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback()
                .withAdvertised(List.of(IPV4_LOOPBACK, IPV6_LOOPBACK)));
        relay.onPipelineException(pipelineFailures::add);
        RecordingListener events = new RecordingListener();
        MediaTransport transport = relay.create(events);
        peer = new PublishingPeer();
        PublishOffer offer = PublishOffer.parse(peer.createOfferAndSetLocal(), RelayCapabilities.standard());
        transport.setRemote(new IceParameters(offer.clientIce().ufrag(), offer.clientIce().pwd()),
                offer.clientFingerprint().attributeValue());
        String[] fingerprint = transport.localFingerprint().split(" ");
        int port = transport.candidates().get(0).getPort();
        assertTrue(transport.candidates().contains(new InetSocketAddress(only, port)), "advertised " + only);
        // Only the one address in the answer, so libwebrtc has no other way in.
        RelayTransportParameters parameters = new RelayTransportParameters(
                new IceCredentials(transport.localIce().ufrag(), transport.localIce().password()),
                new Fingerprint(fingerprint[0], fingerprint[1]),
                List.of(HostCandidate.udp(NetUtil.toAddressString(only), port)));
        peer.setAnswer(PublishAnswer.write(offer, parameters, SdpOrigin.random(random)));
        peer.startMedia();

        assertTrue(events.connected.await(10, TimeUnit.SECONDS), "relay transport connected over " + only);
        assertTrue(peer.connected.await(10, TimeUnit.SECONDS), "libwebrtc connected over " + only
                + ", saw " + peer.state());
    }

    private static InetAddress address(String literal) {
        return CandidateAddresses.parseLiteral(literal);
    }
}
