package dev.hearth.relay.bwe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.rtcp.PacketReceipt;
import dev.hearth.relay.rtcp.TransportCcFeedback;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The estimator is on the event loop's per-packet path: recording sends, digesting (already parsed) feedback and
 * asking for probes must not allocate. Measured with the JVM's per-thread allocation counter, not with time.
 */
class HotPathAllocationTest {

    @Test
    void sendsFeedbackAndProbeDecisionsAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SendSideBandwidthEstimator bwe = new SendSideBandwidthEstimator(BweSettings.defaults());
        int rounds = 400;
        List<TransportCcFeedback> feedbacks = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<PacketReceipt> receipts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = r * 20 + i;
                receipts.add(i == 7 ? PacketReceipt.lost(n & 0xFFFF)
                        : PacketReceipt.received(n & 0xFFFF, 5_000L * n + 40_000));
            }
            feedbacks.add(new TransportCcFeedback(1, 2, r * 20 & 0xFFFF, 0, r & 0xFF, receipts));
        }
        run(bwe, feedbacks, 0, rounds / 2); // warm up: class loading, first-use paths
        long before = threads.getCurrentThreadAllocatedBytes();
        run(bwe, feedbacks, rounds / 2, rounds);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_024, () -> allocated + " bytes allocated on the hot path");
    }

    private static void run(SendSideBandwidthEstimator bwe, List<TransportCcFeedback> feedbacks, int from, int to) {
        for (int r = from; r < to; r++) {
            for (int i = 0; i < 20; i++) {
                int n = r * 20 + i;
                bwe.onPacketSent(n & 0xFFFF, 1200, 5_000L * n, i < 5 ? r : -1);
            }
            bwe.onTransportFeedback(feedbacks.get(r), 5_000L * (r * 20 + 20) + 50_000);
            bwe.process(5_000L * (r * 20 + 20) + 50_000);
        }
    }
}
