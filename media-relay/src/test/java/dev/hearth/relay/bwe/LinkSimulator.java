package dev.hearth.relay.bwe;

import dev.hearth.relay.rtcp.PacketReceipt;
import dev.hearth.relay.rtcp.TransportCcFeedback;
import dev.hearth.relay.rtcp.TransportCcFeedbackWriter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A deterministic relay → subscriber path in simulated time, for the estimator's tests: a greedy sender that sends
 * 1200-byte packets at the estimator's target (and its probe clusters), one FIFO bottleneck of a given capacity with
 * a tail-drop queue limit (in queueing delay) and optional seeded random loss, a fixed one-way delay each way, and a
 * receiver on its own clock that sends transport-wide CC feedback every {@code feedbackIntervalMicros}, encoded and
 * parsed through the real wire code. Time advances in 1 ms ticks; nothing reads a clock.
 */
final class LinkSimulator {
    static final int MEDIA_PACKET_BYTES = 1200;
    private static final int MAX_PACKETS = 1 << 21;

    private final SendSideBandwidthEstimator bwe;
    private final Random random;
    private long capacityBps;
    private long oneWayDelayMicros = 20_000;
    private long queueLimitMicros = 400_000;
    private double randomLoss;
    private long feedbackIntervalMicros = 100_000;
    private long receiverClockOffsetMicros = 7_000_000;
    private int firstSequence = 65_500;
    private UnaryOperator<List<Delivery>> feedbackChannel = UnaryOperator.identity();

    private long now;
    private long bottleneckFreeAt;
    private long nextMediaSend;
    private int sent;
    // per unwrapped index: true arrival time, or -1 when dropped
    private final long[] arrival = new long[MAX_PACKETS];
    private final int[] size = new int[MAX_PACKETS];
    private int nextFeedbackIndex;
    private long nextFeedbackAt;
    private int feedbackCount;
    private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
    // probe cluster being sent
    private int probeCluster = -1;
    private int probePacketsLeft;
    private int probePacketBytes;
    private long probeSpacingMicros;
    private long nextProbeSend;
    private long sentBytes;

    /** A feedback packet on its way back to the relay. */
    record Delivery(long atMicros, byte[] packet) {
    }

    LinkSimulator(SendSideBandwidthEstimator bwe, long capacityBps, long seed) {
        this.bwe = bwe;
        this.capacityBps = capacityBps;
        this.random = new Random(seed);
        this.nextFeedbackAt = feedbackIntervalMicros;
    }

    LinkSimulator capacity(long bps) {
        capacityBps = bps;
        return this;
    }

    LinkSimulator randomLoss(double fraction) {
        randomLoss = fraction;
        return this;
    }

    LinkSimulator receiverClockOffset(long micros) {
        receiverClockOffsetMicros = micros;
        return this;
    }

    LinkSimulator firstSequence(int sequence) {
        firstSequence = sequence;
        return this;
    }

    /** Lets a test reorder, duplicate or delay the feedback produced in one receiver tick. */
    LinkSimulator feedbackChannel(UnaryOperator<List<Delivery>> channel) {
        feedbackChannel = channel;
        return this;
    }

    long nowMicros() {
        return now;
    }

    /** Bytes sent so far (media and probes). */
    long sentBytes() {
        return sentBytes;
    }

    /** Advances {@code micros} of simulated time. */
    void run(long micros) {
        long end = now + micros;
        while (now < end) {
            tick();
            now += 1_000;
        }
    }

    private void tick() {
        while (!inFlight.isEmpty() && inFlight.peekFirst().atMicros() <= now) {
            byte[] packet = inFlight.pollFirst().packet();
            TransportCcFeedback feedback = TransportCcFeedback.parse(packet, 0, packet.length);
            if (feedback != null) {
                bwe.onTransportFeedback(feedback, now);
            }
        }
        if (probeCluster < 0 && bwe.process(now)) {
            ProbeController p = bwe.probes();
            probeCluster = p.clusterId();
            probePacketBytes = Math.max(100, Math.min(MEDIA_PACKET_BYTES, p.minBytes() / p.minPackets()));
            probePacketsLeft = Math.max(p.minPackets(), (p.minBytes() + probePacketBytes - 1) / probePacketBytes);
            probeSpacingMicros = probePacketBytes * 8_000_000L / p.targetBps();
            nextProbeSend = now;
        }
        long tickEnd = now + 1_000;
        if (probeCluster >= 0) {
            while (probePacketsLeft > 0 && nextProbeSend < tickEnd) {
                send(nextProbeSend, probePacketBytes, probeCluster);
                nextProbeSend += probeSpacingMicros;
                probePacketsLeft--;
            }
            if (probePacketsLeft == 0) {
                probeCluster = -1;
            }
            nextMediaSend = Math.max(nextMediaSend, nextProbeSend);
        } else {
            nextMediaSend = Math.max(nextMediaSend, now - 1_000);
            while (nextMediaSend < tickEnd) {
                send(nextMediaSend, MEDIA_PACKET_BYTES, -1);
                nextMediaSend += MEDIA_PACKET_BYTES * 8_000_000L / bwe.targetBitrateBps();
            }
        }
        if (now >= nextFeedbackAt) {
            sendFeedback();
            nextFeedbackAt += feedbackIntervalMicros;
        }
    }

    private void send(long at, int bytes, int cluster) {
        int index = sent++;
        bwe.onPacketSent((firstSequence + index) & 0xFFFF, bytes, at, cluster);
        sentBytes += bytes;
        size[index] = bytes;
        long queueing = Math.max(0, bottleneckFreeAt - at);
        if (queueing > queueLimitMicros || random.nextDouble() < randomLoss) {
            arrival[index] = -1;
            return;
        }
        long departure = Math.max(at, bottleneckFreeAt) + bytes * 8_000_000L / capacityBps;
        bottleneckFreeAt = departure;
        arrival[index] = departure + oneWayDelayMicros;
    }

    /** The receiver reports everything up to the highest sequence that has arrived by now. */
    private void sendFeedback() {
        int highest = -1;
        for (int i = nextFeedbackIndex; i < sent; i++) {
            if (arrival[i] >= 0 && arrival[i] <= now) {
                highest = i;
            } else if (arrival[i] > now) {
                break;
            }
        }
        if (highest < 0) {
            return;
        }
        List<PacketReceipt> receipts = new ArrayList<>();
        long firstArrival = -1;
        for (int i = nextFeedbackIndex; i <= highest; i++) {
            int sequence = (firstSequence + i) & 0xFFFF;
            if (arrival[i] < 0) {
                receipts.add(PacketReceipt.lost(sequence));
            } else {
                long receiverTime = arrival[i] + receiverClockOffsetMicros;
                if (firstArrival < 0) {
                    firstArrival = receiverTime;
                }
                receipts.add(PacketReceipt.received(sequence, receiverTime));
            }
        }
        byte[] packet = TransportCcFeedbackWriter.encode(1, 2, (firstSequence + nextFeedbackIndex) & 0xFFFF,
                firstArrival, feedbackCount++, receipts);
        nextFeedbackIndex = highest + 1;
        List<Delivery> out = feedbackChannel.apply(List.of(new Delivery(now + oneWayDelayMicros, packet)));
        List<Delivery> merged = new ArrayList<>(inFlight);
        merged.addAll(out);
        merged.sort((a, b) -> Long.compare(a.atMicros(), b.atMicros()));
        inFlight.clear();
        inFlight.addAll(merged);
    }

    @Override
    public String toString() {
        return "LinkSimulator" + Arrays.asList(capacityBps, oneWayDelayMicros, queueLimitMicros, randomLoss);
    }
}
