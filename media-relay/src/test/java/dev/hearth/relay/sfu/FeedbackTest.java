package dev.hearth.relay.sfu;

import static dev.hearth.relay.sfu.ForwardingTest.wrap;
import static dev.hearth.relay.sfu.RelayHarness.payload;
import static dev.hearth.relay.sfu.RelayHarness.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.rtcp.FullIntraRequest;
import dev.hearth.relay.rtcp.GenericNack;
import dev.hearth.relay.rtcp.PacketReceipt;
import dev.hearth.relay.rtcp.PictureLossIndication;
import dev.hearth.relay.rtcp.ReceiverReport;
import dev.hearth.relay.rtcp.ReportBlock;
import dev.hearth.relay.rtcp.RtcpCompoundIterator;
import dev.hearth.relay.rtcp.RtcpHeader;
import dev.hearth.relay.rtcp.SenderReport;
import dev.hearth.relay.rtcp.TransportCcFeedback;
import dev.hearth.relay.rtp.RtpPacket;
import dev.hearth.relay.rtp.RtxPacket;
import dev.hearth.relay.sdp.MediaKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackTest {
    private static final long VIDEO = 2222;
    private static final long RTX = 2223;

    private final RelayHarness h = new RelayHarness();

    @Test
    void startingConsumerAsksThePublisherForAKeyFrame() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);

        h.subscribe("bob", true);

        List<PictureLossIndication> plis = plis(alice);
        assertEquals(1, plis.size());
        assertEquals(VIDEO, plis.get(0).mediaSsrc());
    }

    @Test
    void keyFrameRequestsAreRateLimitedPerProducerAndTheSuppressedOneFollowsLater() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        plis(alice);
        long consumer = h.consumerSsrc("bob", MediaKind.VIDEO, 0);

        h.advanceMillis(100);
        bob.injectRtcp(pli(consumer));
        bob.injectRtcp(pli(consumer));
        h.relay.tick();
        assertEquals(0, plis(alice).size(), "inside 500 ms of the last one");

        h.advanceMillis(450);
        h.relay.tick();
        assertEquals(1, plis(alice).size(), "the suppressed request goes out once the interval passed");
        h.advanceMillis(1000);
        h.relay.tick();
        assertEquals(0, plis(alice).size(), "and only once");
        assertEquals(2, h.counter(ForwardingCounter.KEYFRAME_REQUEST_RECEIVED));
    }

    @Test
    void subscriberFirBecomesAPliToTheProducer() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        plis(alice);
        h.advanceMillis(600);
        FullIntraRequest fir = new FullIntraRequest(99,
                List.of(new FullIntraRequest.Entry(h.consumerSsrc("bob", MediaKind.VIDEO, 0), 1)));
        byte[] bytes = new byte[fir.length()];
        fir.writeTo(bytes, 0);

        bob.injectRtcp(bytes);

        assertEquals(List.of(VIDEO), plis(alice).stream().map(PictureLossIndication::mediaSsrc).toList());
    }

    @Test
    void nackIsAnsweredFromTheCacheAsRtx() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        byte[] lostPayload = payload(7, 1000);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 300, 1000, 1, payload(6, 1000)), 0);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 301, 1000, 2, lostPayload), 0);
        List<byte[]> forwarded = bob.takeRtp();
        RtpPacket original = wrap(forwarded.get(1));

        bob.injectRtcp(nack(h.consumerSsrc("bob", MediaKind.VIDEO, 0), original.sequenceNumber()));

        List<byte[]> resent = bob.takeRtp();
        assertEquals(1, resent.size());
        RtpPacket rtx = wrap(resent.get(0));
        assertEquals(h.consumerRtxSsrc("bob", MediaKind.VIDEO, 0), rtx.ssrc());
        assertEquals(DownstreamCodecs.VP8_RTX, rtx.payloadType());
        assertEquals(original.timestamp(), rtx.timestamp());
        byte[] body = Arrays.copyOfRange(resent.get(0), rtx.payloadOffset(), rtx.length());
        assertEquals(original.sequenceNumber(), ((body[0] & 0xFF) << 8) | (body[1] & 0xFF), "RTX carries the OSN");
        assertArrayEquals(lostPayload, Arrays.copyOfRange(body, RtxPacket.OSN_LENGTH, body.length));
        assertEquals(1, h.counter(ForwardingCounter.NACK_RETRANSMITTED));
    }

    @Test
    void nackIsAnsweredWithTheOriginalPacketWhenTheSubscriberDeclinedRtx() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", false);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 300, 1000, 1, payload(6, 1000)), 0);
        byte[] original = bob.takeRtp().get(0);

        bob.injectRtcp(nack(h.consumerSsrc("bob", MediaKind.VIDEO, 0), wrap(original).sequenceNumber()));

        assertArrayEquals(original, bob.takeRtp().get(0));
    }

    @Test
    void nackForAPacketNeverCachedIsCountedAsMissed() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 300, 1000, 1, payload(6, 100)), 0);
        int seq = wrap(bob.takeRtp().get(0)).sequenceNumber();

        bob.injectRtcp(nack(h.consumerSsrc("bob", MediaKind.VIDEO, 0), (seq + 1) & 0xFFFF));

        assertTrue(bob.takeRtp().isEmpty());
        assertEquals(1, h.counter(ForwardingCounter.NACK_MISSED));
    }

    @Test
    void transportWideFeedbackReportsEveryArrivalAndParsesBack() {
        FakeTransport alice = h.publish("alice", 1111, VIDEO, RTX);
        long t0 = h.clock.get();
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 1, 0, 65534, payload(1, 100)), t0);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 2, 0, 65535, payload(1, 100)), t0 + 5_000_000);
        // 0 is lost; 1 comes from an SSRC the relay does not forward, yet the browser's estimator counts it.
        alice.injectRtp(rtp(5555, ClientSdp.VP8_PT, 9, 0, 1, payload(1, 100)), t0 + 12_000_000);
        h.relay.tick();

        List<TransportCcFeedback> feedback = new ArrayList<>();
        for (byte[] rtcp : alice.takeRtcp()) {
            TransportCcFeedback parsed = TransportCcFeedback.parse(rtcp, 0, rtcp.length);
            if (parsed != null) {
                feedback.add(parsed);
            }
        }
        assertEquals(1, feedback.size());
        TransportCcFeedback f = feedback.get(0);
        assertEquals(65534, f.baseSequenceNumber());
        List<PacketReceipt> receipts = f.receipts();
        assertEquals(List.of(65534, 65535, 0, 1), receipts.stream().map(PacketReceipt::sequenceNumber).toList());
        assertEquals(List.of(true, true, false, true), receipts.stream().map(PacketReceipt::received).toList());
        assertEquals(5000, receipts.get(1).arrivalTimeMicros() - receipts.get(0).arrivalTimeMicros());
        assertEquals(12000, receipts.get(3).arrivalTimeMicros() - receipts.get(0).arrivalTimeMicros());

        h.relay.tick();
        assertTrue(alice.takeRtcp().stream().noneMatch(b -> TransportCcFeedback.parse(b, 0, b.length) != null),
                "nothing new, no feedback");
    }

    @Test
    void replacedPublishClientGetsFeedbackForItsOwnTransportSequenceFromTheStart() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        long t0 = h.clock.get();
        for (int seq = 1; seq <= 300; seq++) {
            alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, seq, 0, seq, payload(1, 100)), t0);
        }
        h.relay.tick();
        alice.takeRtcp();

        // A reloaded page: a new peer connection, new certificate, its transport-wide sequence starting over.
        String reloaded = ClientSdp.publishOffer("pubalice2", 0, VIDEO + 10, RTX + 10)
                .replace(ClientSdp.FINGERPRINT, "sha-256 " + "34:".repeat(31) + "34");
        h.relay.publish(RelayHarness.ROOM, "alice", reloaded);
        alice.injectRtp(rtp(VIDEO + 10, ClientSdp.VP8_PT, 7, 0, 1, payload(1, 100)), t0 + 1_000_000);
        alice.injectRtp(rtp(VIDEO + 10, ClientSdp.VP8_PT, 8, 0, 2, payload(1, 100)), t0 + 2_000_000);
        h.relay.tick();

        List<TransportCcFeedback> feedback = new ArrayList<>();
        for (byte[] rtcp : alice.takeRtcp()) {
            TransportCcFeedback parsed = TransportCcFeedback.parse(rtcp, 0, rtcp.length);
            if (parsed != null) {
                feedback.add(parsed);
            }
        }
        assertEquals(1, feedback.size(), "the new client's packets are reported, not taken for stale ones");
        assertEquals(List.of(1, 2), feedback.get(0).receipts().stream().map(PacketReceipt::sequenceNumber).toList());
    }

    @Test
    void senderReportIsRewrittenIntoEachConsumersSpace() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 10, 50_000, 1, payload(1, 100)), 0);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 11, 53_000, 2, payload(2, 200)), 0);
        RtpPacket forwarded = wrap(bob.takeRtp().get(0));
        SenderReport sr = new SenderReport(VIDEO, 0x0123_4567_89AB_CDEFL, 60_000, 2, 300, List.of());
        byte[] bytes = new byte[sr.length()];
        sr.writeTo(bytes, 0);

        alice.injectRtcp(bytes);

        List<byte[]> down = bob.takeRtcp();
        assertEquals(1, down.size());
        SenderReport translated = SenderReport.parse(down.get(0), 0, down.get(0).length);
        assertNotNull(translated);
        assertEquals(h.consumerSsrc("bob", MediaKind.VIDEO, 0), translated.ssrc());
        assertEquals(sr.ntpTimestamp(), translated.ntpTimestamp());
        assertEquals((forwarded.timestamp() + 10_000) & 0xFFFF_FFFFL, translated.rtpTimestamp());
        assertEquals(2, translated.packetCount());
        assertEquals(300, translated.octetCount());
        RtcpCompoundIterator it = new RtcpCompoundIterator().wrap(down.get(0), 0, down.get(0).length);
        it.next();
        assertTrue(it.next());
        assertEquals(RtcpHeader.SOURCE_DESCRIPTION, it.packetType(), "an SDES with the CNAME follows");
    }

    @Test
    void receiverReportGoesToThePublisherEverySecondWithLoss() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 100, 0, 1, payload(1, 10)), 0);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 103, 0, 2, payload(1, 10)), 0);
        h.relay.tick();

        List<ReceiverReport> reports = alice.takeRtcp().stream()
                .filter(b -> RtcpHeader.packetType(b, 0) == RtcpHeader.RECEIVER_REPORT)
                .map(b -> ReceiverReport.parse(b, 0, b.length)).toList();
        assertEquals(1, reports.size());
        ReportBlock block = reports.get(0).reports().get(0);
        assertEquals(VIDEO, block.ssrc());
        assertEquals(103, block.extendedHighestSequence());
        assertEquals(2, block.cumulativeLost());
        assertEquals(128, block.fractionLost());

        h.advanceMillis(500);
        h.relay.tick();
        assertTrue(alice.takeRtcp().stream().noneMatch(b -> RtcpHeader.packetType(b, 0) == 201));
    }

    @Test
    void anUpstreamGapIsNackedAndTheRetransmissionReachesSubscribers() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 40, 0, 1, payload(1, 100)), 0);
        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 42, 0, 3, payload(3, 100)), 0);
        List<byte[]> forwarded = bob.takeRtp();
        alice.takeRtcp();

        h.relay.tick();

        List<GenericNack> nacks = alice.takeRtcp().stream().map(b -> GenericNack.parse(b, 0, b.length))
                .filter(java.util.Objects::nonNull).toList();
        assertEquals(1, nacks.size());
        assertEquals(VIDEO, nacks.get(0).mediaSsrc());
        assertEquals(List.of(41), nacks.get(0).sequenceNumbers());

        byte[] original = rtp(VIDEO, ClientSdp.VP8_PT, 41, 0, 2, payload(2, 100));
        RtpPacket view = new RtpPacket();
        view.wrap(original, 0, original.length);
        byte[] rtx = new byte[original.length + 2];
        RtxPacket.encapsulate(view, ClientSdp.VP8_RTX_PT, RTX, 7, rtx, 0);
        alice.injectRtp(rtx, 0);

        List<byte[]> repaired = bob.takeRtp();
        assertEquals(1, repaired.size());
        RtpPacket out = wrap(repaired.get(0));
        assertEquals((wrap(forwarded.get(0)).sequenceNumber() + 1) & 0xFFFF, out.sequenceNumber());
        assertArrayEquals(payload(2, 100), Arrays.copyOfRange(repaired.get(0), out.payloadOffset(), out.length()));
        assertEquals(1, h.counter(ForwardingCounter.RTP_RETRANSMISSION_RESTORED));
    }

    /**
     * Chrome probes its bandwidth with RTX copies of packets it already sent ("payload padding"). They count for
     * transport-wide feedback, but a copy of a packet the relay already has is neither forwarded again nor counted
     * as received a second time (which made the receiver report claim negative loss).
     */
    @Test
    void rtxCopyOfAPacketAlreadyReceivedIsAProbeNotForwardedAgain() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        byte[] original = rtp(VIDEO, ClientSdp.VP8_PT, 50, 0, 1, payload(5, 100));
        alice.injectRtp(original, 0);
        assertEquals(1, bob.takeRtp().size());
        long recordedBefore = h.counter(ForwardingCounter.TRANSPORT_CC_RECORDED);

        RtpPacket view = new RtpPacket();
        view.wrap(original, 0, original.length);
        byte[] probe = new byte[original.length + 2];
        RtxPacket.encapsulate(view, ClientSdp.VP8_RTX_PT, RTX, 9, probe, 0);
        alice.injectRtp(probe, 0);

        assertTrue(bob.takeRtp().isEmpty(), "the subscriber already has packet 50");
        assertEquals(1, h.counter(ForwardingCounter.RTP_PROBE));
        assertEquals(0, h.counter(ForwardingCounter.RTP_RETRANSMISSION_RESTORED));
        assertEquals(recordedBefore + 1, h.counter(ForwardingCounter.TRANSPORT_CC_RECORDED),
                "the probe still counts for the browser's estimate");
        h.advanceMillis(1000);
        h.relay.tick();
        ReportBlock block = alice.takeRtcp().stream().map(b -> ReceiverReport.parse(b, 0, b.length))
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow().reports().get(0);
        assertEquals(0, block.cumulativeLost(), "one packet sent, one received");
    }

    private static List<PictureLossIndication> plis(FakeTransport publisher) {
        List<PictureLossIndication> found = new ArrayList<>();
        for (byte[] b : publisher.takeRtcp()) {
            PictureLossIndication pli = PictureLossIndication.parse(b, 0, b.length);
            if (pli != null) {
                found.add(pli);
            }
        }
        return found;
    }

    static byte[] pli(long mediaSsrc) {
        byte[] bytes = new byte[PictureLossIndication.LENGTH];
        new PictureLossIndication(99, mediaSsrc).writeTo(bytes, 0);
        return bytes;
    }

    static byte[] nack(long mediaSsrc, int sequence) {
        GenericNack nack = GenericNack.ofSequenceNumbers(99, mediaSsrc, List.of(sequence));
        byte[] bytes = new byte[nack.length()];
        nack.writeTo(bytes, 0);
        return bytes;
    }
}
