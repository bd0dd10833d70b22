package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.rtp.MediaId;
import dev.hearth.relay.rtp.RtpPacket;
import dev.hearth.relay.rtp.TransportSequenceNumber;
import dev.hearth.relay.wire.Wire;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay numbers what it sends to each subscriber with its own transport-wide sequence numbers
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 2) and reads the subscriber's feedback (section 3.1).
 */
class DownstreamTransportCcTest {
    private final RelayHarness h = new RelayHarness();

    private static List<Integer> transportSequences(List<byte[]> packets) {
        List<Integer> out = new ArrayList<>();
        RtpPacket rtp = new RtpPacket();
        for (byte[] p : packets) {
            assertTrue(rtp.wrap(p, 0, p.length));
            out.add(TransportSequenceNumber.read(rtp, Forwarder.DOWNSTREAM_TRANSPORT_CC_ID));
        }
        return out;
    }

    @Test
    void everyPacketToASubscriberThatTookTheExtensionCarriesItsNextTransportSequenceNumber() {
        FakeTransport pub = h.publish("a", 0x3001, 0x3002, 0x3003);
        FakeTransport withTwcc = h.subscribe("b", true, true);
        FakeTransport without = h.subscribe("c", true, false);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] p = RelayHarness.rtp(0x3002, ClientSdp.VP8_PT, 500 + i, 9000L * i, 40 + i,
                    RelayHarness.payload(i, 100 + i));
            sent.add(p);
            pub.injectRtp(p, h.clock.get());
        }
        List<byte[]> b = withTwcc.takeRtp();
        List<Integer> numbers = transportSequences(b);
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals((numbers.get(0) + i) & 0xFFFF, numbers.get(i), "consecutive, not the publisher's: " + numbers);
        }
        assertEquals(6, numbers.size());
        RtpPacket rtp = new RtpPacket();
        for (int i = 0; i < b.size(); i++) {
            assertTrue(rtp.wrap(b.get(i), 0, b.get(i).length));
            assertTrue(MediaId.matches(rtp, 4, h.consumerMid("b", dev.hearth.relay.sdp.MediaKind.VIDEO, 0)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "the mid element survives");
            byte[] payload = java.util.Arrays.copyOfRange(rtp.array(), rtp.payloadOffset(),
                    rtp.payloadOffset() + rtp.payloadLength());
            assertArrayEquals(RelayHarness.payload(i, 100 + i), payload);
        }
        // RFC 8285 section 6: an extension the answer did not keep is not sent
        assertEquals(List.of(-1, -1, -1, -1, -1, -1), transportSequences(without.takeRtp()));
    }

    /**
     * Feedback written byte by byte after the draft's section 3.1: base 0x1234, five packets, one run-length chunk
     * "0 01 0000000000101" (five small deltas), reference time 0x000102 (× 64 ms), feedback count 7, deltas of 4, 20,
     * 0, 255 and 1 quarter-milliseconds, one byte of padding; and a copy cut short in its deltas.
     */
    @Test
    void feedbackInTheDraftsWireFormatReachesTheEstimateAndATruncatedOneIsCountedMalformed() {
        h.publish("a", 0x3001, 0x3002, 0x3003);
        FakeTransport sub = h.subscribe("b", true, true);
        byte[] feedback = {
            (byte) 0x8F, (byte) 205, 0x00, 0x06, // V=2 FMT=15 PT=205, 6 words after the first
            0x00, 0x00, 0x51, 0x51, // sender SSRC
            0x00, 0x00, 0x00, 0x00, // media SSRC
            0x12, 0x34, 0x00, 0x05, // base sequence number, packet status count
            0x00, 0x01, 0x02, 0x07, // reference time, feedback packet count
            0x20, 0x05, // run-length chunk: small delta × 5
            0x04, 0x14, 0x00, (byte) 0xFF, 0x01, 0x00 // deltas, then padding to a word
        };
        assertEquals(feedback.length, (Wire.u16(feedback, 2) + 1) * 4);
        sub.injectRtcp(feedback);
        assertEquals(1, h.counter(ForwardingCounter.TRANSPORT_CC_FEEDBACK_RECEIVED));
        assertEquals(0, h.counter(ForwardingCounter.RTCP_MALFORMED));

        byte[] truncated = java.util.Arrays.copyOf(feedback, 24);
        truncated[3] = 0x05; // consistent header, but three of the five deltas missing
        sub.injectRtcp(truncated);
        assertEquals(1, h.counter(ForwardingCounter.TRANSPORT_CC_FEEDBACK_RECEIVED));
        assertEquals(1, h.counter(ForwardingCounter.RTCP_MALFORMED));
    }

    @Test
    void forwardingSimulcastWithTransportSequenceNumbersAllocatesNothingPerPacket() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        h.relay.publish(RelayHarness.ROOM, "a", ClientSdp.simulcastPublishOffer("puba", 0));
        FakeTransport pub = h.factory.last();
        pub.connect();
        List<FakeTransport> subscribers = new ArrayList<>();
        for (String s : List.of("b", "c", "d")) {
            subscribers.add(h.subscribe(s, true, true));
        }
        SimulcastPublisher camera = new SimulcastPublisher();
        List<byte[]> packets = new ArrayList<>();
        for (int f = 0; f < 600; f++) {
            for (int l = 0; l < 3; l++) {
                packets.addAll(camera.frame(l, f % 100 == 0, 2, 900));
            }
        }
        subscribers.forEach(s -> s.discarding = true);
        inject(pub, packets, 0, 1800); // warm up, and the allocator moves everyone to the top layer
        h.relay.tick();
        long before = threads.getCurrentThreadAllocatedBytes();
        inject(pub, packets, 1800, packets.size());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_024, () -> allocated + " bytes allocated forwarding "
                + (packets.size() - 1800) + " packets");
        assertTrue(subscribers.get(0).discarded > 1000, "the packets were forwarded, not dropped");
    }

    private void inject(FakeTransport pub, List<byte[]> packets, int from, int to) {
        for (int i = from; i < to; i++) {
            byte[] p = packets.get(i);
            pub.injectRtpInPlace(p, 0, p.length, h.clock.get());
        }
    }
}
