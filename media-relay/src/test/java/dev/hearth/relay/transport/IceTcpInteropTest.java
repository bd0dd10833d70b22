package dev.hearth.relay.transport;

import static dev.hearth.relay.transport.TransportInteropTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.libwebrtc.PublishingPeer;
import dev.hearth.relay.rtcp.PictureLossIndication;
import dev.hearth.relay.sdp.Fingerprint;
import dev.hearth.relay.sdp.HostCandidate;
import dev.hearth.relay.sdp.IceCredentials;
import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.PublishAnswer;
import dev.hearth.relay.sdp.PublishOffer;
import dev.hearth.relay.sdp.RelayCapabilities;
import dev.hearth.relay.sdp.RelayTransportParameters;
import dev.hearth.relay.sdp.SdpOrigin;

import io.netty.util.NetUtil;

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
 * Real libwebrtc that may not use UDP (its port allocator gathers TCP only, as on a network that drops UDP)
 * publishes over the relay's passive ICE-TCP candidate: ICE checks, DTLS and SRTP in RFC 4571 frames over one
 * connection, SRTCP back over it; libwebrtc's getStats names a TCP pair. Closing the peer (a DTLS close_notify
 * over the connection, then the connection) ends the transport at once.
 */
@ExtendWith(NettyLeakCheck.class)
class IceTcpInteropTest {

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
    void aPeerWithoutUdpPublishesAudioAndVideoOverIceTcpAndGetsOurRtcp() throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback());
        relay.onPipelineException(pipelineFailures::add);
        RecordingListener events = new RecordingListener();
        MediaTransport transport = relay.create(events);
        peer = PublishingPeer.tcpOnly(0);
        PublishOffer offer = PublishOffer.parse(peer.createOfferAndSetLocal(), RelayCapabilities.standard());
        transport.setRemote(new IceParameters(offer.clientIce().ufrag(), offer.clientIce().pwd()),
                offer.clientFingerprint().attributeValue());
        InetSocketAddress tcp = transport.tcpCandidates().get(0);
        String[] fingerprint = transport.localFingerprint().split(" ");
        RelayTransportParameters parameters = new RelayTransportParameters(
                new IceCredentials(transport.localIce().ufrag(), transport.localIce().password()),
                new Fingerprint(fingerprint[0], fingerprint[1]),
                List.of(HostCandidate.tcp(NetUtil.toAddressString(tcp.getAddress()), tcp.getPort())));
        peer.setAnswer(PublishAnswer.write(offer, parameters, SdpOrigin.random(random)));
        peer.startMedia();

        assertTrue(events.connected.await(15, TimeUnit.SECONDS), "relay transport connected over ICE-TCP");
        assertTrue(peer.connected.await(15, TimeUnit.SECONDS), "libwebrtc connected, saw " + peer.state());
        assertEquals("tcp", peer.selectedLocalProtocol(), "libwebrtc's selected pair is a TCP one");
        // libwebrtc opens one active connection per local interface, so a host with a network namespace's veth
        // (the GStreamer, Firefox and Janus runs make some) shows more than one.
        assertTrue(relay.tcpConnections() >= 1, "at least the selected pair's ICE-TCP connection is open");

        long audioSsrc = offer.acceptedMedia().stream().filter(m -> m.kind() == MediaKind.AUDIO).findFirst()
                .orElseThrow().senders().get(0).ssrc();
        long videoSsrc = offer.acceptedMedia().stream().filter(m -> m.kind() == MediaKind.VIDEO).findFirst()
                .orElseThrow().senders().get(0).ssrc();
        awaitTrue(() -> events.packetsOf(audioSsrc) >= 5 && events.packetsOf(videoSsrc) >= 5, 10_000,
                () -> "decrypted RTP for both SSRCs over TCP, saw " + events.rtpBySsrc.keySet());
        assertEquals(0, events.malformedRtp.get());
        awaitTrue(() -> events.rtcpPackets.get() > 0, 10_000, () -> "decrypted RTCP arrives over TCP");

        byte[] pli = new byte[PictureLossIndication.LENGTH + MediaTransport.SEND_HEADROOM];
        int pliLength = new PictureLossIndication(0x4845_4152L, videoSsrc).writeTo(pli, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long pliCount = 0;
        while (pliCount < 1 && System.nanoTime() < deadline) {
            relay.packetLoop().execute(() -> transport.sendRtcp(pli.clone(), 0, pliLength));
            Thread.sleep(200);
            pliCount = peer.videoOutboundStat("pliCount");
        }
        assertTrue(pliCount >= 1, "libwebrtc counts the relay's SRTCP PLI sent over TCP");

        peer.close();
        peer = null;
        assertTrue(events.closed.await(5, TimeUnit.SECONDS), "the peer's goodbye over TCP ended the transport");
    }

    @Test
    void aPeerWithoutUdpConnectsOverIpv6IceTcp() throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback().withAdvertised(List.of(
                CandidateAddresses.parseLiteral("127.0.0.1"), CandidateAddresses.parseLiteral("::1"))));
        relay.onPipelineException(pipelineFailures::add);
        RecordingListener events = new RecordingListener();
        MediaTransport transport = relay.create(events);
        peer = PublishingPeer.tcpOnly(1);
        PublishOffer offer = PublishOffer.parse(peer.createOfferAndSetLocal(), RelayCapabilities.standard());
        transport.setRemote(new IceParameters(offer.clientIce().ufrag(), offer.clientIce().pwd()),
                offer.clientFingerprint().attributeValue());
        InetSocketAddress tcp = transport.tcpCandidates().get(1);
        assertEquals(CandidateAddresses.parseLiteral("::1"), tcp.getAddress());
        String[] fingerprint = transport.localFingerprint().split(" ");
        peer.setAnswer(PublishAnswer.write(offer, new RelayTransportParameters(
                new IceCredentials(transport.localIce().ufrag(), transport.localIce().password()),
                new Fingerprint(fingerprint[0], fingerprint[1]),
                List.of(HostCandidate.tcp("::1", tcp.getPort()))), SdpOrigin.random(random)));
        peer.startMedia();

        assertTrue(events.connected.await(15, TimeUnit.SECONDS), "relay transport connected over [::1] TCP");
        assertTrue(peer.connected.await(15, TimeUnit.SECONDS), "libwebrtc connected, saw " + peer.state());
        assertEquals("tcp", peer.selectedLocalProtocol());
        awaitTrue(() -> !events.rtpBySsrc.isEmpty(), 10_000, () -> "decrypted RTP over IPv6 ICE-TCP");
    }
}
