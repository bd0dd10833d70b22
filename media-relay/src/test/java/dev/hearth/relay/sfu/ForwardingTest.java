package dev.hearth.relay.sfu;

import static dev.hearth.relay.sfu.RelayHarness.payload;
import static dev.hearth.relay.sfu.RelayHarness.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.rtp.MediaId;
import dev.hearth.relay.rtp.RtpPacket;
import dev.hearth.relay.rtp.TransportSequenceNumber;
import dev.hearth.relay.sdp.MediaKind;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingTest {
    private static final long ALICE_AUDIO = 1111;
    private static final long ALICE_VIDEO = 2222;
    private static final long ALICE_RTX = 2223;

    private final RelayHarness h = new RelayHarness();

    @Test
    void forwardsToTwoConsumersWithRewrittenSsrcSequenceAndTimestampAndUntouchedPayload() {
        FakeTransport alice = h.publish("alice", ALICE_AUDIO, ALICE_VIDEO, ALICE_RTX);
        FakeTransport bob = h.subscribe("bob", true);
        FakeTransport carol = h.subscribe("carol", true);
        byte[] first = payload(1, 900);
        byte[] second = payload(2, 1100);

        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 65535, 4_294_967_000L, 10, first), 0);
        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 0, 4_294_967_000L + 3000, 11, second), 0);

        for (String who : List.of("bob", "carol")) {
            FakeTransport t = who.equals("bob") ? bob : carol;
            List<byte[]> sent = t.takeRtp();
            assertEquals(2, sent.size(), who);
            RtpPacket a = wrap(sent.get(0));
            RtpPacket b = wrap(sent.get(1));
            long ssrc = h.consumerSsrc(who, MediaKind.VIDEO, 0);
            assertEquals(ssrc, a.ssrc());
            assertEquals(ssrc, b.ssrc());
            assertEquals(DownstreamCodecs.VP8, a.payloadType());
            assertEquals((a.sequenceNumber() + 1) & 0xFFFF, b.sequenceNumber());
            assertEquals((a.timestamp() + 3000) & 0xFFFF_FFFFL, b.timestamp());
            assertArrayEquals(first, Arrays.copyOfRange(sent.get(0), a.payloadOffset(), a.length()));
            assertArrayEquals(second, Arrays.copyOfRange(sent.get(1), b.payloadOffset(), b.length()));
            String mid = h.consumerMid(who, MediaKind.VIDEO, 0);
            assertEquals(mid, MediaId.read(a, 4), "the subscriber's own mid, under the relay's id");
            assertEquals(-1, TransportSequenceNumber.read(a, 3), "the publisher's transport-wide seq is removed");
        }
        assertNotEquals(h.consumerSsrc("bob", MediaKind.VIDEO, 0), h.consumerSsrc("carol", MediaKind.VIDEO, 0));
        assertEquals(4, h.counter(ForwardingCounter.RTP_FORWARDED));
        assertTrue(alice.takeRtp().isEmpty(), "nothing goes back to the publisher");
    }

    @Test
    void audioKeepsItsLevelUnderTheRelaysExtensionId() {
        FakeTransport alice = h.publish("alice", ALICE_AUDIO, 0, 0);
        FakeTransport bob = h.subscribe("bob", true);
        byte[] packet = new dev.hearth.relay.rtp.RtpPacketWriter().ssrc(ALICE_AUDIO).payloadType(ClientSdp.OPUS_PT)
                .sequenceNumber(5).timestamp(960).extension(ClientSdp.AUDIO_LEVEL_ID, new byte[] {(byte) 0x85})
                .payload(payload(3, 60)).toBytes();

        alice.injectRtp(packet, 0);

        RtpPacket out = wrap(bob.takeRtp().get(0));
        assertEquals(DownstreamCodecs.OPUS, out.payloadType());
        int level = out.findExtension(1);
        assertTrue(level > 0);
        assertEquals((byte) 0x85, out.array()[level]);
    }

    @Test
    void consumersDoNotForwardBeforeTheAnswerOrWhileTheSubscriberIsNotConnected() {
        FakeTransport alice = h.publish("alice", 0, ALICE_VIDEO, ALICE_RTX);
        h.relay.subscribeOffer(RelayHarness.ROOM, "bob", false);
        FakeTransport bob = h.factory.last();
        bob.connect();

        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 1, 0, 1, payload(1, 100)), 0);

        assertTrue(bob.takeRtp().isEmpty());
        assertEquals(1, h.counter(ForwardingCounter.CONSUMER_NOT_ACTIVE));
    }

    @Test
    void producerRestartKeepsTheConsumerSequenceContinuous() {
        FakeTransport alice = h.publish("alice", 0, ALICE_VIDEO, ALICE_RTX);
        FakeTransport bob = h.subscribe("bob", true);
        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 500, 90_000, 1, payload(1, 100)), 0);
        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 501, 93_000, 2, payload(2, 100)), 0);
        List<byte[]> before = bob.takeRtp();
        h.events.clear();

        // Alice's client reconnects: the transport dies, a new offer brings new SSRCs on the same mid.
        alice.fail("consent expired");
        long newVideo = 7777;
        FakeTransport alice2 = h.publish("alice", 0, newVideo, 7778);
        h.advanceMillis(1000);
        alice2.injectRtp(rtp(newVideo, ClientSdp.VP8_PT, 40_000, 5_000_000, 1, payload(3, 100)), h.clock.get());
        alice2.injectRtp(rtp(newVideo, ClientSdp.VP8_PT, 40_001, 5_003_000, 2, payload(4, 100)), h.clock.get());

        assertNotEquals(alice, alice2);
        assertEquals(List.of("closed alice consent expired"), h.events, "no renegotiation for bob");
        List<byte[]> after = bob.takeRtp();
        assertEquals(2, after.size());
        RtpPacket last = wrap(before.get(1));
        RtpPacket next = wrap(after.get(0));
        assertEquals(last.ssrc(), next.ssrc());
        assertEquals((last.sequenceNumber() + 1) & 0xFFFF, next.sequenceNumber());
        long advanced = (next.timestamp() - last.timestamp()) & 0xFFFF_FFFFL;
        assertTrue(advanced > 0 && advanced < 200_000, "timestamp moves on by about the pause: " + advanced);
        assertEquals((next.sequenceNumber() + 1) & 0xFFFF, wrap(after.get(1)).sequenceNumber());
    }

    @Test
    void mutedAudioIsDroppedAtIngressAndVideoStillFlows() {
        FakeTransport alice = h.publish("alice", ALICE_AUDIO, ALICE_VIDEO, ALICE_RTX);
        FakeTransport bob = h.subscribe("bob", true);

        h.relay.setAudioMuted(RelayHarness.ROOM, "alice", true);
        alice.injectRtp(rtp(ALICE_AUDIO, ClientSdp.OPUS_PT, 1, 0, 1, payload(1, 50)), 0);
        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 1, 0, 2, payload(2, 50)), 0);

        List<byte[]> sent = bob.takeRtp();
        assertEquals(1, sent.size());
        assertEquals(DownstreamCodecs.VP8, wrap(sent.get(0)).payloadType());
        assertEquals(1, h.counter(ForwardingCounter.RTP_MUTED));
        assertEquals(0, bob.takeRtp().size());

        h.relay.setAudioMuted(RelayHarness.ROOM, "alice", false);
        alice.injectRtp(rtp(ALICE_AUDIO, ClientSdp.OPUS_PT, 2, 960, 3, payload(3, 50)), 0);
        assertEquals(DownstreamCodecs.OPUS, wrap(bob.takeRtp().get(0)).payloadType());
    }

    @Test
    void muteAppliesToAudioPublishedAfterwards() {
        h.publish("bob", 0, ALICE_VIDEO, ALICE_RTX);
        h.relay.setAudioMuted(RelayHarness.ROOM, "bob", true);
        FakeTransport bobPublish = h.publish("bob", ALICE_AUDIO, ALICE_VIDEO, ALICE_RTX);
        FakeTransport alice = h.subscribe("alice", true);

        bobPublish.injectRtp(rtp(ALICE_AUDIO, ClientSdp.OPUS_PT, 1, 0, 1, payload(1, 50)), 0);

        assertTrue(alice.takeRtp().isEmpty());
        assertEquals(1, h.counter(ForwardingCounter.RTP_MUTED));
    }

    @Test
    void aHeldParticipantNeitherSendsNorReceivesUntilReleased() {
        FakeTransport alice = h.publish("alice", ALICE_AUDIO, ALICE_VIDEO, ALICE_RTX);
        FakeTransport bob = h.subscribe("bob", true);

        h.relay.setHeld(RelayHarness.ROOM, "alice", true);
        alice.injectRtp(rtp(ALICE_AUDIO, ClientSdp.OPUS_PT, 1, 0, 1, payload(1, 50)), 0);
        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 1, 0, 2, payload(2, 50)), 0);
        assertTrue(bob.takeRtp().isEmpty(), "nothing a held participant publishes is forwarded, video included");
        assertEquals(2, h.counter(ForwardingCounter.RTP_MUTED));

        h.relay.setHeld(RelayHarness.ROOM, "alice", false);
        h.relay.setHeld(RelayHarness.ROOM, "bob", true);
        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 2, 3000, 3, payload(3, 50)), 0);
        assertTrue(bob.takeRtp().isEmpty(), "nothing is forwarded to a held participant");
        assertEquals(1, h.counter(ForwardingCounter.CONSUMER_HELD));

        h.relay.setHeld(RelayHarness.ROOM, "bob", false);
        alice.injectRtp(rtp(ALICE_VIDEO, ClientSdp.VP8_PT, 3, 6000, 4, payload(4, 50)), 0);
        assertEquals(1, bob.takeRtp().size());
    }

    @Test
    void releasingAHoldKeepsAFacilitatorsMute() {
        FakeTransport alice = h.publish("alice", ALICE_AUDIO, ALICE_VIDEO, ALICE_RTX);
        FakeTransport bob = h.subscribe("bob", true);
        h.relay.setAudioMuted(RelayHarness.ROOM, "alice", true);
        h.relay.setHeld(RelayHarness.ROOM, "alice", true);
        h.relay.setHeld(RelayHarness.ROOM, "alice", false);
        alice.injectRtp(rtp(ALICE_AUDIO, ClientSdp.OPUS_PT, 1, 0, 1, payload(1, 50)), 0);
        assertTrue(bob.takeRtp().isEmpty(), "still muted");
    }

    @Test
    void aHoldAppliesToTracksPublishedAfterwards() {
        h.publish("bob", 0, ALICE_VIDEO, ALICE_RTX);
        h.relay.setHeld(RelayHarness.ROOM, "bob", true);
        FakeTransport bobPublish = h.publish("bob", ALICE_AUDIO, ALICE_VIDEO, ALICE_RTX);
        FakeTransport alice = h.subscribe("alice", true);
        bobPublish.injectRtp(rtp(ALICE_AUDIO, ClientSdp.OPUS_PT, 1, 0, 1, payload(1, 50)), 0);
        assertTrue(alice.takeRtp().isEmpty());
    }

    static RtpPacket wrap(byte[] bytes) {
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(bytes, 0, bytes.length), "forwarded bytes are RTP");
        return packet;
    }
}
