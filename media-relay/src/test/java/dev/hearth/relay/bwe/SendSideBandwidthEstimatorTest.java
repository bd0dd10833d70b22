package dev.hearth.relay.bwe;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

/**
 * The estimator against the deterministic {@link LinkSimulator}: every run is simulated time, seeded, and asserts
 * on the estimate, never on how long it took.
 */
class SendSideBandwidthEstimatorTest {
    private static final long SECOND = 1_000_000;

    private final SendSideBandwidthEstimator bwe = new SendSideBandwidthEstimator(BweSettings.defaults());

    /** Samples the target every 100 ms for {@code seconds}. */
    private static List<Long> sample(LinkSimulator link, SendSideBandwidthEstimator bwe, int seconds) {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < seconds * 10; i++) {
            link.run(SECOND / 10);
            samples.add(bwe.targetBitrateBps());
        }
        return samples;
    }

    private static void between(double value, double low, double high) {
        assertTrue(value >= low && value <= high, () -> "expected in [" + low + ", " + high + "]: " + value);
    }

    private static LongSummaryStatistics stats(List<Long> samples) {
        return samples.stream().mapToLong(Long::longValue).summaryStatistics();
    }

    private static String perSecond(List<Long> samples) {
        StringBuilder b = new StringBuilder();
        for (int i = 9; i < samples.size(); i += 10) {
            b.append(String.format(" %d:%d", (i + 1) / 10, samples.get(i) / 1000));
        }
        return b.toString();
    }

    @Test
    void aThreeHundredKilobitLinkWithAQueueConvergesBetweenTwoAndThreeHundred() {
        LinkSimulator link = new LinkSimulator(bwe, 300_000, 1);
        List<Long> warmUp = sample(link, bwe, 20);
        List<Long> settled = sample(link, bwe, 20);
        System.out.println("300 kbit/s link, target kbit/s per second:" + perSecond(warmUp) + perSecond(settled));
        LongSummaryStatistics s = stats(settled);
        System.out.printf("300 kbit/s link, last 20 s: min %d mean %.0f max %d kbit/s%n",
                s.getMin() / 1000, s.getAverage() / 1000, s.getMax() / 1000);
        between(s.getAverage(), 200_000.0, 300_000.0);
        assertTrue(s.getMin() > 150_000, () -> "expected > " + (150_000) + ": " + (s.getMin()));
        assertTrue(s.getMax() < 360_000, () -> "expected < " + (360_000) + ": " + (s.getMax()));
    }

    @Test
    void liftingTheCapacityClimbsBeyondOnePointFiveMegabitWithinTenSeconds() {
        LinkSimulator link = new LinkSimulator(bwe, 300_000, 2);
        sample(link, bwe, 20);
        assertTrue(bwe.targetBitrateBps() < 360_000, () -> "expected < " + (360_000) + ": " + (bwe.targetBitrateBps()));
        link.capacity(20_000_000);
        List<Long> ramp = sample(link, bwe, 10);
        System.out.println("capacity lifted 300 kbit/s -> 20 Mbit/s, target kbit/s per second:" + perSecond(ramp));
        assertTrue(stats(ramp).getMax() > 1_500_000, () -> "expected > " + (1_500_000) + ": " + (stats(ramp).getMax()));
        assertTrue(ramp.get(ramp.size() - 1) > 1_500_000, () -> "expected > " + (1_500_000) + ": " + (ramp.get(ramp.size() - 1)));
    }

    @Test
    void twentyPercentRandomLossDrivesTheEstimateDown() {
        LinkSimulator link = new LinkSimulator(bwe, 20_000_000, 3).randomLoss(0.20);
        List<Long> samples = sample(link, bwe, 15);
        System.out.println("20 % random loss, target kbit/s per second:" + perSecond(samples));
        between(bwe.lastLossFraction(), 0.12, 0.28);
        assertTrue(bwe.targetBitrateBps() < 250_000, () -> "expected < " + (250_000) + ": " + (bwe.targetBitrateBps()));
    }

    @Test
    void withoutCongestionTheEstimateClimbsToTheMaximumAndStaysThere() {
        LinkSimulator link = new LinkSimulator(bwe, 20_000_000, 4);
        sample(link, bwe, 5);
        List<Long> steady = sample(link, bwe, 20);
        assertTrue(stats(steady).getMin() >= BweSettings.DEFAULT_MAX_BPS * 9 / 10, () -> "expected >= " + (BweSettings.DEFAULT_MAX_BPS * 9 / 10) + ": " + (stats(steady).getMin()));
        assertNotEquals(BandwidthUsage.OVERUSING, bwe.delayState());
    }

    @Test
    void lowLossLikeAHomeWifiDoesNotHoldTheEstimateDown() {
        LinkSimulator link = new LinkSimulator(bwe, 20_000_000, 5).randomLoss(0.01);
        sample(link, bwe, 5);
        List<Long> steady = sample(link, bwe, 10);
        assertTrue(stats(steady).getMin() >= BweSettings.DEFAULT_MAX_BPS * 9 / 10, () -> "expected >= " + (BweSettings.DEFAULT_MAX_BPS * 9 / 10) + ": " + (stats(steady).getMin()));
    }

    /** The 24-bit reference time wraps (and its signed reading flips at 2^23) while the session runs. */
    @ParameterizedTest
    @ValueSource(longs = {(1L << 23) - 20, (1L << 24) - 20})
    void theFeedbackReferenceTimeWrappingChangesNothing(long referenceUnits) {
        LinkSimulator link = new LinkSimulator(bwe, 300_000, 6).receiverClockOffset(referenceUnits * 64_000);
        List<Long> settled = sample(link, bwe, 20).subList(100, 200);
        between(stats(settled).getAverage(), 200_000.0, 300_000.0);
        link.capacity(20_000_000);
        sample(link, bwe, 10);
        assertTrue(bwe.targetBitrateBps() > 1_500_000, () -> "target " + bwe.targetBitrateBps());
        assertTrue(bwe.ackedBitrateBps() > 1_000_000, () -> "acked " + bwe.ackedBitrateBps());
    }

    /**
     * Every feedback arrives twice, every third is overtaken by the next one and every tenth comes two seconds late:
     * the estimate is that of a clean channel, because each packet is counted once.
     */
    @Test
    void duplicatedReorderedAndLateFeedbackCountsEachPacketOnce() {
        int[] count = {0};
        LinkSimulator link = new LinkSimulator(bwe, 300_000, 7).feedbackChannel(deliveries -> {
            List<LinkSimulator.Delivery> out = new ArrayList<>();
            for (LinkSimulator.Delivery d : deliveries) {
                int n = count[0]++;
                long at = d.atMicros() + (n % 10 == 9 ? 2 * SECOND : n % 3 == 2 ? 150_000 : 0);
                out.add(new LinkSimulator.Delivery(at, d.packet()));
                out.add(new LinkSimulator.Delivery(at + 30_000, d.packet()));
            }
            return out;
        });
        List<Long> settled = sample(link, bwe, 30).subList(100, 300);
        LongSummaryStatistics s = stats(settled);
        between(s.getAverage(), 200_000.0, 300_000.0);
        assertTrue(s.getMax() < 400_000, () -> "max " + s.getMax());
        assertTrue(bwe.ackedBitrateBps() < 330_000, () -> "acked " + bwe.ackedBitrateBps());
    }

    @Test
    void feedbackForPacketsNeverSentOrLongForgottenIsIgnored() {
        bwe.onTransportFeedback(feedback(100, 0, true, false, true), 1_000);
        for (int i = 0; i < 10; i++) {
            bwe.onPacketSent(65_530 + i & 0xFFFF, 1200, 10_000 + i * 1_000L, -1);
        }
        long before = bwe.targetBitrateBps();
        // never sent (ahead of the last), and one from before the wrap that was never sent either
        bwe.onTransportFeedback(feedback(4, 0, true, true, true, true), 30_000);
        bwe.onTransportFeedback(feedback(60_000, 0, false, false, false, false, false, false), 31_000);
        assertTrue(bwe.targetBitrateBps() == before, () -> "target moved to " + bwe.targetBitrateBps());
        assertTrue(bwe.ackedBitrateBps() == -1, () -> "acked " + bwe.ackedBitrateBps());
    }

    @Test
    void aReceiverThatReportsEverythingLostDrivesTheEstimateToTheMinimum() {
        long t = 0;
        int sequence = 65_000;
        for (int round = 0; round < 100; round++) {
            int base = sequence & 0xFFFF;
            for (int i = 0; i < 30; i++) {
                bwe.onPacketSent(sequence++ & 0xFFFF, 1200, t, -1);
                t += 3_000;
            }
            bwe.onTransportFeedback(feedback(base, 0, new boolean[30]), t + 40_000);
        }
        assertTrue(bwe.targetBitrateBps() == BweSettings.DEFAULT_MIN_BPS, () -> "target " + bwe.targetBitrateBps());
    }

    private static dev.hearth.relay.rtcp.TransportCcFeedback feedback(int base, int reference, boolean... received) {
        List<dev.hearth.relay.rtcp.PacketReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < received.length; i++) {
            int sequence = base + i & 0xFFFF;
            receipts.add(received[i] ? dev.hearth.relay.rtcp.PacketReceipt.received(sequence, 1_000L * i)
                    : dev.hearth.relay.rtcp.PacketReceipt.lost(sequence));
        }
        return new dev.hearth.relay.rtcp.TransportCcFeedback(1, 2, base, reference, 0, receipts);
    }
}
