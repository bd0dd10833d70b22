package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.SubscriberView;
import dev.hearth.relay.rtcp.PictureLossIndication;
import dev.hearth.relay.rtcp.RtcpFeedback;
import dev.hearth.relay.sdp.MediaKind;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rid simulcast through the forwarder: layers are learned from their rid extensions, a subscriber gets one layer,
 * and a switch happens at a key frame of the new layer (asked for with a PLI on that layer's SSRC) without the
 * subscriber's decoder seeing a second stream: one SSRC, contiguous sequence numbers, increasing timestamps,
 * consecutive VP8 picture ids and TL0PICIDX.
 */
class SimulcastForwardingTest {
    private final RelayHarness h = new RelayHarness();
    private final SimulcastPublisher camera = new SimulcastPublisher();
    private FakeTransport publish;
    private FakeTransport subscribe;

    private void call() {
        h.relay.publish(RelayHarness.ROOM, "a", ClientSdp.simulcastPublishOffer("puba", 0x2001));
        publish = h.factory.last();
        publish.connect();
        subscribe = h.subscribe("b", true, true);
        publish.takeRtcp();
    }

    /** One frame on each layer ({@code keys[l]}: a key frame), 33 ms apart, then a tick. */
    private void frame(boolean... keys) {
        for (int l = 0; l < 3; l++) {
            for (byte[] p : camera.frame(l, keys[l], 2, 200)) {
                publish.injectRtp(p, h.clock.get());
            }
        }
        h.advanceMillis(33);
        h.relay.tick();
    }

    private List<SimulcastPublisher.Forwarded> forwarded() {
        List<SimulcastPublisher.Forwarded> out = new ArrayList<>();
        for (byte[] p : subscribe.takeRtp()) {
            out.add(SimulcastPublisher.Forwarded.of(p));
        }
        return out;
    }

    private List<Long> pliSsrcs() {
        List<Long> ssrcs = new ArrayList<>();
        for (byte[] rtcp : publish.takeRtcp()) {
            if (PictureLossIndication.parse(rtcp, 0, rtcp.length) != null) {
                ssrcs.add(RtcpFeedback.mediaSsrc(rtcp, 0));
            }
        }
        return ssrcs;
    }

    /** The subscriber's decoder sees one stream: what it would check. */
    private static void assertContinuous(List<SimulcastPublisher.Forwarded> packets) {
        for (int i = 1; i < packets.size(); i++) {
            SimulcastPublisher.Forwarded before = packets.get(i - 1);
            SimulcastPublisher.Forwarded p = packets.get(i);
            String at = "packet " + i + " " + p + " after " + before;
            assertEquals(before.ssrc(), p.ssrc(), at);
            assertEquals((before.sequence() + 1) & 0xFFFF, p.sequence(), at);
            long step = (p.timestamp() - before.timestamp()) & 0xFFFF_FFFFL;
            if (p.startsFrame()) {
                assertTrue(step > 0 && step < 0x8000_0000L, "timestamps increase at a new frame: " + at);
                assertEquals((before.pictureId() + 1) & 0x7FFF, p.pictureId(), at);
                assertEquals((before.tl0() + 1) & 0xFF, p.tl0(), at);
            } else {
                assertEquals(0, step, at);
                assertEquals(before.pictureId(), p.pictureId(), at);
            }
        }
    }

    @Test
    void ridLayersAreLearnedAndTheSubscriberMovesUpAtTheTopLayersKeyFrameAsOneContinuousStream() {
        call();
        frame(true, true, true);
        List<SimulcastPublisher.Forwarded> first = forwarded();
        assertEquals(List.of(0, 0), first.stream().map(SimulcastPublisher.Forwarded::layer).toList(),
                "before any allocation the lowest layer, and only it");
        // plenty of estimate and no tile reported: the allocator wants the top layer, which needs a key frame
        assertEquals(List.of(SimulcastPublisher.SSRCS[2]), pliSsrcs());
        for (int i = 0; i < 4; i++) {
            frame(false, false, false);
        }
        frame(false, false, true);
        frame(false, false, false);
        List<SimulcastPublisher.Forwarded> all = new ArrayList<>(first);
        all.addAll(forwarded());
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2),
                all.stream().map(SimulcastPublisher.Forwarded::layer).toList(),
                "stays on the lowest until the top layer's key frame (the lowest layer's packets of that frame come first), then only the top");
        assertEquals(h.consumerSsrc("b", MediaKind.VIDEO, 0), all.get(0).ssrc());
        assertContinuous(all);
        assertEquals(1, h.counter(ForwardingCounter.LAYER_SWITCHED));
    }

    @Test
    void aThumbnailTileTakesTheSubscriberDownToTheSmallestCoveringLayerAtItsKeyFrame() {
        call();
        frame(true, true, true);
        frame(false, false, true);
        frame(false, false, false);
        pliSsrcs();
        h.relay.setSubscriberView(RelayHarness.ROOM, "b", SubscriberView.of(
                List.of(new SubscriberView.Tile("a", 600, 340, false)), SubscriberView.Mode.NORMAL));
        assertEquals(List.of(SimulcastPublisher.SSRCS[1]), pliSsrcs(), "a 600x340 tile is covered by 640x360");
        frame(false, false, false);
        frame(false, true, false);
        frame(false, false, false);
        List<SimulcastPublisher.Forwarded> all = forwarded();
        List<Integer> layers = all.stream().map(SimulcastPublisher.Forwarded::layer).toList();
        assertEquals(List.of(1, 1, 1, 1), layers.subList(layers.size() - 4, layers.size()));
        assertTrue(layers.contains(2) && layers.indexOf(1) > layers.lastIndexOf(2), layers::toString);
        assertContinuous(all);
    }

    @Test
    void aTileNotLaidOutYetOrMissingFromTheViewStillGetsVideoAndOnlyAudioOnlyStopsIt() {
        call();
        // A page reports its tiles before their video has a size (0x0): that is no reason to send nothing, which
        // would leave the tile without a picture to take its size from.
        h.relay.setSubscriberView(RelayHarness.ROOM, "b", SubscriberView.of(
                List.of(new SubscriberView.Tile("a", 0, 0, false)), SubscriberView.Mode.NORMAL));
        frame(true, true, true);
        assertEquals(List.of(0, 0), forwarded().stream().map(SimulcastPublisher.Forwarded::layer).toList(),
                "a 0x0 tile gets video at once");
        assertEquals(List.of(SimulcastPublisher.SSRCS[2]), pliSsrcs(), "and the best layer the estimate allows");
        frame(false, false, true);
        frame(false, false, false);
        assertEquals(List.of(0, 0, 2, 2, 2, 2), forwarded().stream().map(SimulcastPublisher.Forwarded::layer).toList(),
                "the top layer from its key frame (the lowest layer's packets of that frame come first)");

        // A publisher the page has no tile for yet (it joined after the last report) is not hidden either.
        h.relay.setSubscriberView(RelayHarness.ROOM, "b", SubscriberView.of(List.of(), SubscriberView.Mode.NORMAL));
        frame(false, false, false);
        assertEquals(List.of(2, 2), forwarded().stream().map(SimulcastPublisher.Forwarded::layer).toList());

        h.relay.setSubscriberView(RelayHarness.ROOM, "b", SubscriberView.of(List.of(), SubscriberView.Mode.AUDIO_ONLY));
        frame(true, true, true);
        assertEquals(List.of(), forwarded(), "audio only: no video");
    }

    @Test
    void aReloadedPagesNewRidSsrcsAreLearnedAgainAndItsVideoReachesTheSubscriberAsTheSameStream() {
        call();
        frame(true, true, true);
        frame(false, false, true);
        List<SimulcastPublisher.Forwarded> before = forwarded();
        assertTrue(!before.isEmpty(), "the first page's video is forwarded");

        // The page reloads: its peer connection closes, a new one (new certificate, new SSRCs, no a=ssrc lines,
        // its transport-wide sequence from the start) publishes the same rids on the same mid.
        publish.fail("dtls-close-notify");
        h.relay.publish(RelayHarness.ROOM, "a", ClientSdp.simulcastPublishOffer("pubb", 0x2011)
                .replace(ClientSdp.FINGERPRINT, "sha-256 " + "34:".repeat(31) + "34"));
        publish = h.factory.last();
        publish.connect();
        publish.takeRtcp();
        SimulcastPublisher reloaded = new SimulcastPublisher(new long[] {0x5001, 0x5002, 0x5003});
        for (int f = 0; f < 4; f++) {
            for (int l = 0; l < 3; l++) {
                for (byte[] p : reloaded.frame(l, f == 0, 2, 200)) {
                    publish.injectRtp(p, h.clock.get());
                }
            }
            h.advanceMillis(33);
            h.relay.tick();
        }
        List<SimulcastPublisher.Forwarded> after = forwarded();
        assertTrue(after.size() >= 4, "the reloaded page's video reaches the subscriber: " + after);
        assertEquals(before.get(0).ssrc(), after.get(0).ssrc(), "as the same downstream stream");
        assertEquals(0, h.counter(ForwardingCounter.RTP_UNKNOWN_SSRC), "every new SSRC is known by its rid");
    }

    @Test
    void theSamePeerConnectionOnANewTransportKeepsItsLearnedSsrcs() {
        call();
        frame(true, true, true);
        frame(false, false, true);
        List<SimulcastPublisher.Forwarded> before = forwarded();
        assertTrue(!before.isEmpty());

        // The transport failed (consent expired) and the same peer connection comes back with an ICE restart: same
        // certificate, same SSRCs, and no mid or rid extensions any more (Chromium stops sending them once its
        // SSRCs were acknowledged), so what was learned is all the relay has to go by.
        publish.fail("consent expired");
        camera.withoutMidAndRid();
        h.relay.publish(RelayHarness.ROOM, "a", ClientSdp.simulcastPublishOffer("pubc", 0x2001));
        publish = h.factory.last();
        publish.connect();
        publish.takeRtcp();
        frame(true, true, true);
        frame(false, false, false);
        List<SimulcastPublisher.Forwarded> after = forwarded();
        assertTrue(after.size() >= 4, "its video still reaches the subscriber: " + after);
        assertEquals(before.get(0).ssrc(), after.get(0).ssrc());
        assertEquals(0, h.counter(ForwardingCounter.RTP_UNKNOWN_SSRC));
    }

    @Test
    void aSingleEncodingPublisherIsForwardedAsBefore() {
        FakeTransport pub = h.publish("a", 0x3001, 0x3002, 0x3003);
        FakeTransport sub = h.subscribe("b", true, true);
        for (int i = 0; i < 5; i++) {
            pub.injectRtp(RelayHarness.rtp(0x3002, ClientSdp.VP8_PT, 10 + i, 1000 + 3000L * i, i,
                    RelayHarness.payload(i, 300)), h.clock.get());
            h.advanceMillis(33);
            h.relay.tick();
        }
        assertEquals(5, sub.takeRtp().size());
    }
}
