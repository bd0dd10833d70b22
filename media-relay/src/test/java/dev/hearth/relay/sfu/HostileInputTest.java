package dev.hearth.relay.sfu;

import static dev.hearth.relay.sfu.RelayHarness.payload;
import static dev.hearth.relay.sfu.RelayHarness.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostileInputTest {
    private static final long VIDEO = 2222;
    private static final long RTX = 2223;

    private final RelayHarness h = new RelayHarness();

    @Test
    void truncatedAndForeignRtpIsDroppedAndCounted() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        byte[] good = rtp(VIDEO, ClientSdp.VP8_PT, 1, 0, 1, payload(1, 100));

        alice.injectRtp(Arrays.copyOf(good, 11), 0);
        alice.injectRtp(Arrays.copyOf(good, 14), 0); // extension header claims more than there is
        alice.injectRtp(rtp(9999, ClientSdp.VP8_PT, 1, 0, 2, payload(1, 100)), 0);
        alice.injectRtp(rtp(VIDEO, 33, 2, 0, 3, payload(1, 100)), 0);

        assertTrue(bob.takeRtp().isEmpty());
        assertEquals(2, h.counter(ForwardingCounter.RTP_MALFORMED));
        assertEquals(1, h.counter(ForwardingCounter.RTP_UNKNOWN_SSRC));
        assertEquals(1, h.counter(ForwardingCounter.RTP_UNEXPECTED_PAYLOAD_TYPE));
    }

    @Test
    void rtxWithoutAnOriginalIsTreatedAsAProbe() {
        FakeTransport alice = h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);

        alice.injectRtp(new dev.hearth.relay.rtp.RtpPacketWriter().ssrc(RTX).payloadType(ClientSdp.VP8_RTX_PT)
                .sequenceNumber(1).padding(200).toBytes(), 0);

        assertTrue(bob.takeRtp().isEmpty());
        assertEquals(1, h.counter(ForwardingCounter.RTP_PROBE));
    }

    @Test
    void malformedAndForeignRtcpIsDroppedAndCounted() {
        h.publish("alice", 0, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        FakeTransport alice = h.publishTransports.get("alice");
        alice.takeRtcp();

        bob.injectRtcp(FeedbackTest.pli(424242));
        bob.injectRtcp(FeedbackTest.nack(424242, 7));
        bob.injectRtcp(Arrays.copyOf(FeedbackTest.nack(424242, 7), 10));
        byte[] lying = FeedbackTest.pli(424242);
        lying[3] = 40; // length field far past the datagram
        bob.injectRtcp(lying);
        alice.injectRtcp(new byte[] {(byte) 0x80, (byte) 200, 0, 1, 0, 0});

        assertTrue(alice.takeRtcp().isEmpty(), "no PLI for an SSRC the subscriber does not receive");
        assertTrue(bob.takeRtp().isEmpty());
        assertEquals(2, h.counter(ForwardingCounter.RTCP_UNKNOWN_SSRC));
        assertEquals(3, h.counter(ForwardingCounter.RTCP_MALFORMED));
    }

    @Test
    void randomBytesNeverBreakThePacketPath() {
        FakeTransport alice = h.publish("alice", 1111, VIDEO, RTX);
        FakeTransport bob = h.subscribe("bob", true);
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            if (junk.length > 0) {
                junk[0] = (byte) (0x80 | (junk[0] & 0x3F));
            }
            alice.injectRtp(junk, i);
            alice.injectRtcp(junk);
            bob.injectRtcp(junk);
        }
        h.relay.tick();

        alice.injectRtp(rtp(VIDEO, ClientSdp.VP8_PT, 1, 0, 1, payload(1, 10)), 0);
        assertTrue(h.counter(ForwardingCounter.RTP_FORWARDED) >= 1, "still forwarding");
    }
}
