package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.libwebrtc.PublishingPeer;
import dev.hearth.relay.rtcp.PictureLossIndication;
import dev.hearth.relay.sdp.Fingerprint;
import dev.hearth.relay.sdp.IceCredentials;
import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.NegotiatedCodec;
import dev.hearth.relay.sdp.PublishAnswer;
import dev.hearth.relay.sdp.PublishOffer;
import dev.hearth.relay.sdp.PublishedMedia;
import dev.hearth.relay.sdp.RelayCapabilities;
import dev.hearth.relay.sdp.RelayTransportParameters;
import dev.hearth.relay.sdp.SdpOrigin;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real libwebrtc (webrtc-java) publishing to the relay transport over loopback UDP: ICE-lite checks, a DTLS
 * handshake with the relay as server, SRTP from the peer and SRTCP back to it.
 */
@ExtendWith(NettyLeakCheck.class)
class TransportInteropTest {

    private final SecureRandom random = new SecureRandom();
    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private UdpMediaServer relay;
    private PublishingPeer peer;
    private final RecordingListener events = new RecordingListener();
    private MediaTransport transport;
    private PublishOffer offer;

    @BeforeEach
    void publish() throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback());
        relay.onPipelineException(pipelineFailures::add);
        peer = new PublishingPeer();
        transport = relay.create(events);

        offer = PublishOffer.parse(peer.createOfferAndSetLocal(), RelayCapabilities.standard());
        transport.setRemote(new IceParameters(offer.clientIce().ufrag(), offer.clientIce().pwd()),
                offer.clientFingerprint().attributeValue());
        peer.setAnswer(PublishAnswer.write(offer, relayParameters(transport), SdpOrigin.random(random)));
        peer.startMedia();

        assertTrue(events.connected.await(10, TimeUnit.SECONDS), "relay transport connected (ICE + DTLS)");
        assertTrue(peer.connected.await(10, TimeUnit.SECONDS), "libwebrtc reached connected, saw " + peer.state());
    }

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
    void relayReceivesDecryptedAudioAndVideoAndPeerCountsOurPli() throws Exception {
        PublishedMedia audio = media(MediaKind.AUDIO);
        PublishedMedia video = media(MediaKind.VIDEO);
        long audioSsrc = audio.senders().get(0).ssrc();
        long videoSsrc = video.senders().get(0).ssrc();

        awaitTrue(() -> events.packetsOf(audioSsrc) >= 5 && events.packetsOf(videoSsrc) >= 5, 10_000,
                () -> "decrypted RTP for both SSRCs, saw " + events.rtpBySsrc.keySet());
        assertEquals(0, events.malformedRtp.get(), "every decrypted packet has a valid RTP header");
        assertTrue(payloadTypes(audio).containsAll(events.rtpBySsrc.get(audioSsrc).payloadTypes()),
                "audio payload types come from the offer");
        assertTrue(payloadTypes(video).containsAll(events.rtpBySsrc.get(videoSsrc).payloadTypes()),
                "video payload types come from the offer");
        awaitTrue(() -> events.rtcpPackets.get() > 0, 10_000, () -> "decrypted RTCP (sender reports) arrive");

        // SRTCP relay -> client: the peer's video sender counts the PLIs it could decrypt.
        byte[] pli = new byte[PictureLossIndication.LENGTH + MediaTransport.SEND_HEADROOM];
        int pliLength = new PictureLossIndication(0x4845_4152L, videoSsrc).writeTo(pli, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long pliCount = 0;
        while (pliCount < 1 && System.nanoTime() < deadline) {
            relay.packetLoop().execute(() -> transport.sendRtcp(pli.clone(), 0, pliLength));
            Thread.sleep(200);
            pliCount = peer.videoOutboundStat("pliCount");
        }
        assertTrue(pliCount >= 1, "libwebrtc's outbound-rtp pliCount counts the relay's SRTCP PLI");
    }

    @Test
    void hostileDatagramsForFiveSecondsLeaveTheConnectedPeerWorking() throws Exception {
        long audioSsrc = media(MediaKind.AUDIO).senders().get(0).ssrc();
        long seed = random.nextLong();
        long sent;
        try (PacketFuzzer fuzzer = new PacketFuzzer(relay.localAddress(), seed)) {
            fuzzer.verifyWith(transport.localIce().ufrag() + ":" + offer.clientIce().ufrag(),
                    transport.localIce().password());
            sent = fuzzer.run(Duration.ofSeconds(5));
        }

        assertTrue(sent > 1000, "the fuzzer sent " + sent + " datagrams");
        assertTrue(transport.isConnected(), "fuzzing (seed " + seed + ") did not close the transport");
        long before = events.packetsOf(audioSsrc);
        awaitTrue(() -> events.packetsOf(audioSsrc) > before + 10, 3_000,
                () -> "media still flows after fuzzing with seed " + seed);
        assertEquals(0, events.malformedRtp.get(), "no garbage reached the listener");
        assertEquals(0, relay.pipelineExceptions());
    }

    /**
     * A reloaded page: a new peer connection (new certificate, new ufrag) takes over the transport while the old
     * one is still around, and the old one's goodbye arrives afterwards. The new client gets a fresh DTLS
     * handshake and its media flows; the old client's close_notify does not close the transport.
     */
    @Test
    void newClientCertificateGetsAFreshDtlsSessionAndTheOldClientsGoodbyeIsIgnored() throws Exception {
        PublishingPeer replacement = new PublishingPeer();
        try {
            PublishOffer second = PublishOffer.parse(replacement.createOfferAndSetLocal(), RelayCapabilities.standard());
            assertNotEquals(offer.clientFingerprint(), second.clientFingerprint(), "libwebrtc made a new certificate");
            transport.restartIce();
            transport.setRemote(new IceParameters(second.clientIce().ufrag(), second.clientIce().pwd()),
                    second.clientFingerprint().attributeValue());
            replacement.setAnswer(PublishAnswer.write(second, relayParameters(transport), SdpOrigin.random(random)));
            replacement.startMedia();

            assertTrue(replacement.connected.await(10, TimeUnit.SECONDS),
                    "the new client completed DTLS, saw " + replacement.state());
            awaitTrue(() -> events.connections.get() == 2, 5_000, () -> "the transport connected again");
            long videoSsrc = second.acceptedMedia().stream().filter(m -> m.kind() == MediaKind.VIDEO).findFirst()
                    .orElseThrow().senders().get(0).ssrc();
            awaitTrue(() -> events.packetsOf(videoSsrc) >= 5, 10_000, () -> "the new client's video decrypts");

            peer.close(); // sends the old session's close_notify to the relay
            peer = null;
            long before = events.packetsOf(videoSsrc);
            awaitTrue(() -> events.packetsOf(videoSsrc) > before + 20, 5_000,
                    () -> "the new client's video keeps flowing after the old client left");
            assertTrue(transport.isConnected(), "closed: " + events.closeReason);
            assertEquals(1, events.closed.getCount(), "the old client's goodbye did not close the transport");
        } finally {
            replacement.close();
        }
    }

    private RelayTransportParameters relayParameters(MediaTransport t) {
        InetSocketAddress candidate = t.candidates().get(0);
        String[] fingerprint = t.localFingerprint().split(" ");
        return new RelayTransportParameters(new IceCredentials(t.localIce().ufrag(), t.localIce().password()),
                new Fingerprint(fingerprint[0], fingerprint[1]), candidate.getAddress().getHostAddress(),
                candidate.getPort());
    }

    private PublishedMedia media(MediaKind kind) {
        return offer.acceptedMedia().stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
    }

    private static Set<Integer> payloadTypes(PublishedMedia media) {
        return media.codecs().stream().map(NegotiatedCodec::payloadType).collect(Collectors.toSet());
    }

    static void awaitTrue(BooleanSupplier condition, long timeoutMillis, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(20);
        }
    }

}
