/**
 * Per-subscriber send-side bandwidth estimation in the Google Congestion Control family.
 *
 * <p>What is followed (re-implemented from the descriptions, no code copied):
 * <ul>
 *   <li>draft-ietf-rmcat-gcc-02: the split into a delay-based controller (arrival-time filter, over-use detector
 *       with an adaptive threshold, AIMD rate control) and a loss-based controller, the target being the smaller;
 *       5 ms burst groups (section 5.2), the adaptive threshold constants K_u = 0.01, K_d = 0.00018 in their
 *       libwebrtc per-millisecond form, the loss thresholds of 2 % and 10 % (section 6);</li>
 *   <li>libwebrtc's send-side variant, which replaced the draft's Kalman filter with a trendline (least-squares
 *       slope over the last 20 smoothed accumulated delays), measures the acknowledged rate from transport-wide
 *       congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01), decreases to 0.85 of it
 *       on over-use, increases additively near the last known link capacity and multiplicatively (8 %/s) away from
 *       it, and climbs quickly by probing: short clusters at a multiple of the estimate whose measured delivery rate
 *       becomes the new estimate.</li>
 * </ul>
 *
 * <p>Threading and time: one {@link dev.hearth.relay.bwe.SendSideBandwidthEstimator} per subscriber transport, owned
 * by that transport's event loop; nothing here locks, reads a clock or allocates per packet or per feedback. Every
 * call takes the current time in microseconds of a monotonic clock the owner reads once (for the send history the
 * same clock as the send time). Arrival times come from the receiver's clock and are only ever subtracted from each
 * other.
 */
package dev.hearth.relay.bwe;
