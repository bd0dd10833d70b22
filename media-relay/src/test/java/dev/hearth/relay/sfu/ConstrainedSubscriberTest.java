package dev.hearth.relay.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.rtcp.PictureLossIndication;
import dev.hearth.relay.rtcp.RtcpFeedback;
import dev.hearth.relay.rtcp.TransportCcFeedbackWriter;
import dev.hearth.relay.rtp.RtpPacket;
import dev.hearth.relay.rtp.TransportSequenceNumber;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole downstream loop through the forwarder with a simulated subscriber behind a bottleneck: the relay stamps
 * its transport-wide sequence numbers, the simulated link delays (a FIFO queue at the bottleneck rate, 20 ms base
 * delay) or drops (more than 250 ms queued) each packet, the subscriber's transport-cc feedback (every 50 ms, built
 * with the draft's wire format) goes back through the subscriber RTCP path, and the estimate drives the allocator.
 * The publisher sends three simulcast layers (about 150 kbit/s, 500 kbit/s and 1.4 Mbit/s) and answers PLIs with
 * key frames. Deterministic: the clock is the harness's.
 */
class ConstrainedSubscriberTest {
    private final RelayHarness h = new RelayHarness();
    private final SimulcastPublisher camera = new SimulcastPublisher();
    private final boolean[] keyDue = {true, true, true};
    private final Deque<long[]> inFlight = new ArrayDeque<>(); // {sequence, arrivalMicros or -1 lost}
    private FakeTransport publish;
    private FakeTransport subscribe;
    private long linkBps;
    private long linkFreeMicros;
    private long burstBytes;
    private long bucketTatMicros; // the token bucket's theoretical arrival time (GCRA), with burstBytes > 0
    private int layerPacketsLost;
    private int feedbackCount;
    private final int[] layerPackets = new int[3];
    private int probePackets;

    private long nowMicros() {
        return h.clock.get() / 1000;
    }

    /** Runs the call for {@code seconds} with the subscriber's link at {@code bps}; counts what reached it. */
    private void run(long bps, int seconds) {
        linkBps = bps;
        java.util.Arrays.fill(layerPackets, 0);
        probePackets = 0;
        layerPacketsLost = 0;
        for (int ms = 0; ms < seconds * 1000; ms++) {
            if (ms % 33 == 0) {
                sendFrame();
            }
            if (ms % 50 == 0) {
                h.relay.tick();
            }
            carry();
            if (ms % 50 == 25) {
                feedback();
            }
            h.advanceMillis(1);
        }
    }

    private void sendFrame() {
        int[] packets = {1, 2, 5};
        int[] sizes = {560, 1000, 1100};
        for (byte[] rtcp : publish.takeRtcp()) {
            if (PictureLossIndication.parse(rtcp, 0, rtcp.length) != null) {
                for (int l = 0; l < 3; l++) {
                    keyDue[l] |= RtcpFeedback.mediaSsrc(rtcp, 0) == SimulcastPublisher.SSRCS[l];
                }
            }
        }
        for (int l = 0; l < 3; l++) {
            for (byte[] p : camera.frame(l, keyDue[l], packets[l], sizes[l])) {
                publish.injectRtp(p, h.clock.get());
            }
            keyDue[l] = false;
        }
    }

    /** Puts what the relay sent through the bottleneck. */
    private void carry() {
        RtpPacket rtp = new RtpPacket();
        for (byte[] p : subscribe.takeRtp()) {
            assertTrue(rtp.wrap(p, 0, p.length));
            int sequence = TransportSequenceNumber.read(rtp, 3);
            assertTrue(sequence >= 0, "every packet to the subscriber carries a transport-wide sequence number");
            long send = nowMicros();
            long serviceMicros = (p.length + 16) * 8_000_000L / linkBps;
            long done;
            if (burstBytes > 0) {
                // tc tbf: a packet leaves once the bucket holds its size (it refills at the link rate up to the
                // burst), in arrival order; what would wait longer than the queue limit is dropped.
                long tolerance = burstBytes * 8_000_000L / linkBps;
                done = Math.max(Math.max(send, linkFreeMicros), bucketTatMicros + serviceMicros - tolerance);
            } else {
                done = Math.max(send, linkFreeMicros) + serviceMicros;
            }
            boolean lost = done - send > (burstBytes > 0 ? 200_000 : 250_000);
            boolean media = rtp.payloadLength() > 0 && !rtp.hasPadding();
            if (!lost) {
                linkFreeMicros = done;
                bucketTatMicros = Math.max(bucketTatMicros, done) + serviceMicros;
                if (media) {
                    layerPackets[rtp.array()[rtp.payloadOffset() + rtp.payloadLength() - 1]]++;
                } else {
                    probePackets++;
                }
            } else if (media) {
                layerPacketsLost++;
            }
            inFlight.add(new long[] {sequence, lost ? -1 : done + 20_000});
        }
    }

    /** The subscriber's transport-cc feedback on everything that has arrived or is known lost by now. */
    private void feedback() {
        long now = nowMicros();
        List<long[]> batch = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.peek()[1] <= now && batch.size() < 200) {
            batch.add(inFlight.poll());
        }
        long reference = batch.stream().filter(r -> r[1] >= 0).mapToLong(r -> r[1]).min().orElse(-1);
        if (reference < 0) {
            return;
        }
        TransportCcFeedbackWriter writer = new TransportCcFeedbackWriter(0x5151, 0, (int) batch.get(0)[0],
                reference, feedbackCount++);
        for (long[] r : batch) {
            boolean fits = r[1] < 0 ? writer.addLost((int) r[0]) : writer.addReceived((int) r[0], r[1]);
            assertTrue(fits);
        }
        byte[] out = new byte[writer.length()];
        writer.writeTo(out, 0);
        subscribe.injectRtcp(out);
    }

    private String lastQuality() {
        return h.qualities.isEmpty() ? "none" : h.qualities.get(h.qualities.size() - 1);
    }

    private long lastEstimateKbps() {
        return Long.parseLong(lastQuality().split(" ")[2]);
    }

    @Test
    void theSubscribersLayerFollowsItsLinkDownToAPauseAndBackUp() {
        h.relay.publish(RelayHarness.ROOM, "a", ClientSdp.simulcastPublishOffer("puba", 0));
        publish = h.factory.last();
        publish.connect();
        subscribe = h.subscribe("b", true, true);

        run(300_000, 10); // starts at 1 Mbit/s: 360p at first, until the feedback says otherwise
        run(300_000, 10);
        long settled = lastEstimateKbps();
        assertTrue(layerPackets[0] > 100 && layerPackets[1] == 0 && layerPackets[2] == 0,
                () -> "300 kbit/s carries only the 150 kbit/s layer: " + java.util.Arrays.toString(layerPackets)
                        + " " + h.qualities);
        assertTrue(settled >= 150 && settled <= 400, () -> "estimate near the bottleneck: " + h.qualities);
        assertTrue(lastQuality().startsWith("b FAIR"), () -> "below what the tile could use: " + h.qualities);

        run(80_000, 5);
        run(80_000, 10);
        assertEquals(0, layerPackets[0] + layerPackets[1] + layerPackets[2],
                () -> "80 kbit/s carries no video layer: paused " + java.util.Arrays.toString(layerPackets));
        assertTrue(lastQuality().startsWith("b POOR") && lastQuality().endsWith("[a]"),
                () -> "the subscriber is told whose video is paused: " + h.qualities);

        run(5_000_000, 20);
        assertTrue(probePackets > 0, "climbing back needs probes: video alone was paused");
        run(5_000_000, 5);
        assertTrue(layerPackets[2] > 200 && layerPackets[0] == 0,
                () -> "a free link gets the top layer back: " + java.util.Arrays.toString(layerPackets) + " "
                        + h.qualities);
        assertTrue(lastQuality().startsWith("b GOOD") && lastQuality().endsWith("[]"), () -> "" + h.qualities);
        assertEquals(feedbackCount, h.counter(ForwardingCounter.TRANSPORT_CC_FEEDBACK_RECEIVED),
                "every feedback the subscriber sent was read");
    }

    /**
     * A home router's shaper as {@code tc tbf rate 300kbit burst 4kb latency 200ms} builds it: the first 4 KB of any
     * burst pass at once. A probe cluster shorter than that would measure the veth, not the link, and lift the
     * estimate to a layer the link cannot carry (seen: 360p chosen, then a quarter of the video lost).
     */
    @Test
    void aShapersBurstAllowanceDoesNotLiftTheEstimateAboveTheLink() {
        h.relay.publish(RelayHarness.ROOM, "a", ClientSdp.simulcastPublishOffer("puba", 0));
        publish = h.factory.last();
        publish.connect();
        subscribe = h.subscribe("b", true, true);
        burstBytes = 4096;

        run(300_000, 10);
        for (int window = 0; window < 4; window++) {
            run(300_000, 5);
            int w = window;
            assertTrue(layerPackets[0] > 100 && layerPackets[1] == 0 && layerPackets[2] == 0,
                    () -> "window " + w + ": 300 kbit/s behind a 4 KB burst carries only the lowest layer: "
                            + java.util.Arrays.toString(layerPackets) + " " + h.qualities);
            assertEquals(0, layerPacketsLost, () -> "window " + w + ": no video lost at the shaper, probes included: "
                    + h.qualities);
            assertTrue(lastEstimateKbps() <= 360, () -> "window " + w + ": estimate at most 1.2 x the link: "
                    + h.qualities);
        }
    }
}
