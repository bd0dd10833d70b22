package dev.hearth.relay.sfu;

import static dev.hearth.relay.sfu.RelayHarness.payload;
import static dev.hearth.relay.sfu.RelayHarness.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.RelayException;
import dev.hearth.relay.sdp.Direction;
import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.SdpParser;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private static final long VIDEO = 2222;
    private static final long RTX = 2223;

    private final RelayHarness h = new RelayHarness();

    @Test
    void closeParticipantStopsForwardingBeforeItReturnsWhilePacketsKeepFlowing() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        FakeTransportFactory factory = new FakeTransportFactory(loop);
        try (InProcessRelayControl relay = new InProcessRelayControl(factory, System::nanoTime, Runnable::run,
                false)) {
            relay.publish("r", "alice", ClientSdp.publishOffer("puba", 0, VIDEO, RTX));
            FakeTransport alice = factory.last();
            String offer = relay.subscribeOffer("r", "bob", false);
            FakeTransport bob = factory.last();
            relay.subscribeAnswer("r", "bob", ClientSdp.answer(offer, "subb", true));
            loop.submit(() -> {
                alice.connect();
                bob.connect();
            }).get();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger seq = new AtomicInteger();
            // Packets arrive on the loop continuously, the way the transport would deliver them.
            Runnable pump = new Runnable() {
                @Override
                public void run() {
                    int s = seq.incrementAndGet();
                    alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, s, s * 3000L, s, payload(s, 200)), System.nanoTime());
                    if (running.get()) {
                        loop.execute(this);
                    }
                }
            };
            loop.execute(pump);
            while (bob.sentRtp.size() < 20) {
                Thread.sleep(1);
            }

            relay.closeParticipant("r", "bob");
            int atReturn = bob.takeRtp().size();
            Thread.sleep(30);

            assertTrue(atReturn >= 20);
            assertTrue(bob.takeRtp().isEmpty(), "nothing is sent to bob after closeParticipant returned");
            assertTrue(bob.isClosed());
            assertFalse(alice.isClosed());
            running.set(false);
        } finally {
            loop.shutdownNow();
            assertTrue(loop.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingAPublisherStopsItsMediaAndAsksTheOthersToRenegotiate() {
        FakeTransport alice = h.publish("alice", 1111, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        h.events.clear();

        h.relay.closeParticipant(RelayHarness.ROOM, "alice");
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 1, 0, 1, payload(1, 10)), 0);

        assertTrue(alice.isClosed());
        assertTrue(bob.takeRtp().isEmpty());
        assertEquals(List.of("renegotiate bob"), h.events, "no transport-closed event for a requested close");
        String offer = h.relay.subscribeOffer(RelayHarness.ROOM, "bob", false);
        assertTrue(SdpParser.parse(offer).media().stream()
                        .allMatch(m -> m.effectiveDirection() == Direction.INACTIVE && m.ssrcs().isEmpty()),
                "alice's sections are closed in bob's next offer");
    }

    @Test
    void aNewPublisherAsksExistingSubscribersToRenegotiate() {
        h.publish("alice", 1111, 0, 0);
        h.subscribe("bob", true);
        h.events.clear();

        h.publish("carol", 3333, VIDEO, RTX);

        assertEquals(List.of("renegotiate alice", "renegotiate bob"), h.events);
        FakeTransport bob = h.subscribe("bob", true);
        FakeTransport carol = h.publishTransports.get("carol");
        carol.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 1, 0, 1, payload(1, 10)), 0);
        assertEquals(h.consumerSsrc("bob", MediaKind.VIDEO, 0), ForwardingTest.wrap(bob.takeRtp().get(0)).ssrc());
    }

    @Test
    void republishingWithoutATrackClosesItsProducer() {
        h.publish("alice", 1111, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        h.events.clear();

        FakeTransport alice = h.publish("alice", 1111, 0, 0);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 1, 0, 1, payload(1, 10)), 0);

        assertEquals(List.of("renegotiate bob"), h.events);
        assertTrue(bob.takeRtp().isEmpty());
        assertEquals(1, h.counter(ForwardingCounter.RTP_UNKNOWN_SSRC));
    }

    @Test
    void aTransportThatFailsIsReportedToSignaling() {
        h.publish("alice", 1111, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        h.events.clear();

        bob.fail("dtls alert");

        assertEquals(List.of("closed bob dtls alert"), h.events);
        FakeTransport again = h.subscribe("bob", true);
        assertNotEquals(bob, again, "the next subscribe offer brings a fresh transport");
    }

    @Test
    void iceRestartGivesTheSubscribeOfferNewCredentials() {
        h.publish("alice", 1111, VIDEO, RTX);
        h.subscribe("bob", true);
        String before = SdpParser.parse(h.offers.get("bob")).media().get(0).iceUfrag().orElseThrow();

        String offer = h.relay.subscribeOffer(RelayHarness.ROOM, "bob", true);

        String after = SdpParser.parse(offer).media().get(0).iceUfrag().orElseThrow();
        assertNotEquals(before, after);
        assertEquals(after, h.subscribeTransports.get("bob").localIce().ufrag());
    }

    @Test
    void closeRoomClosesEveryTransport() {
        FakeTransport alice = h.publish("alice", 1111, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);

        h.relay.closeRoom(RelayHarness.ROOM);

        assertTrue(alice.isClosed());
        assertTrue(bob.isClosed());
        RelayException e = assertThrows(RelayException.class,
                () -> h.relay.setAudioMuted(RelayHarness.ROOM, "alice", true));
        assertEquals(RelayException.UNKNOWN_ROOM, e.code());
        h.relay.closeRoom(RelayHarness.ROOM);
        h.relay.closeParticipant(RelayHarness.ROOM, "alice");
    }

    @Test
    void badSdpAndMisuseGiveStableCodes() {
        assertEquals(RelayException.BAD_SDP, assertThrows(RelayException.class,
                () -> h.relay.publish(RelayHarness.ROOM, "alice", "v=0\r\nnonsense")).code());
        assertEquals(RelayException.NOTHING_TO_SUBSCRIBE, assertThrows(RelayException.class,
                () -> h.relay.subscribeOffer(RelayHarness.ROOM, "alice", false)).code());
        h.publish("alice", 1111, VIDEO, RTX);
        assertEquals(RelayException.UNKNOWN_PARTICIPANT, assertThrows(RelayException.class,
                () -> h.relay.subscribeAnswer(RelayHarness.ROOM, "nobody", "v=0")).code());
        assertEquals(RelayException.NO_OFFER, assertThrows(RelayException.class,
                () -> h.relay.subscribeAnswer(RelayHarness.ROOM, "alice", "v=0")).code());
        h.relay.subscribeOffer(RelayHarness.ROOM, "bob", false);
        assertEquals(RelayException.BAD_SDP, assertThrows(RelayException.class,
                () -> h.relay.subscribeAnswer(RelayHarness.ROOM, "bob", "v=0\r\n")).code());
    }

    @Test
    void theAnswerCarriesTheRelaysTransportAndTheClientsIdentityReachesTheTransport() {
        String answer = h.relay.publish(RelayHarness.ROOM, "alice", ClientSdp.publishOffer("pubx", 1111, VIDEO, RTX));
        FakeTransport alice = h.factory.last();

        assertEquals("pubx", alice.remoteIce.ufrag());
        assertEquals(ClientSdp.FINGERPRINT, alice.remoteFingerprint);
        var parsed = SdpParser.parse(answer);
        assertEquals(alice.localIce().ufrag(), parsed.media().get(0).iceUfrag().orElseThrow());
        assertTrue(answer.contains("a=setup:passive"));
        assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host"));
    }

    /** A relay on an IPv6 and an IPv4 address offers both, the IPv4 one first as the SDP's default. */
    @Test
    void everyAddressOfTheRelayIsACandidateIpv4First() {
        h.factory.addresses = List.of(new java.net.InetSocketAddress("2001:db8::7", 40000),
                new java.net.InetSocketAddress("192.0.2.10", 40000));
        String answer = h.relay.publish(RelayHarness.ROOM, "alice", ClientSdp.publishOffer("pubx", 1111, VIDEO, RTX));

        assertTrue(answer.contains("c=IN IP4 192.0.2.10"), answer);
        assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 192.0.2.10 40000 typ host"), answer);
        assertTrue(answer.contains("a=candidate:2 1 udp 2130706175 2001:db8::7 40000 typ host"), answer);
    }
}
