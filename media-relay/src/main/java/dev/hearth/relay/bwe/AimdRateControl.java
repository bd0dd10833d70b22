package dev.hearth.relay.bwe;

/**
 * The delay-based rate controller (draft-ietf-rmcat-gcc-02 section 5.5, with libwebrtc's AimdRateControl refinements):
 * over-use cuts the rate to {@link #BETA} times the acknowledged rate and holds; normal use increases, additively by
 * about one packet per response time when near the link capacity seen at the last over-use, multiplicatively by
 * {@link #MULTIPLICATIVE_INCREASE_PER_SECOND} otherwise; under-use holds while the queue drains. Increases never take
 * the rate beyond {@code 1.5 × acked + 10 kbit/s}, so an application-limited sender does not run the estimate away
 * from what the path has shown it can carry.
 */
final class AimdRateControl {
    static final double BETA = 0.85;
    static final double MULTIPLICATIVE_INCREASE_PER_SECOND = 1.08;
    static final long MIN_ADDITIVE_INCREASE_BPS_PER_SECOND = 4_000;
    static final int PACKET_BYTES = 1200;
    static final long RESPONSE_EXTRA_MICROS = 100_000;
    private static final double FRAMES_PER_SECOND = 30;

    private enum State { HOLD, INCREASE, DECREASE }

    private final BweSettings settings;
    private final LinkCapacityEstimator linkCapacity = new LinkCapacityEstimator();
    private long bitrateBps;
    private State state = State.HOLD;
    private long lastChangeMicros = -1;
    private long lastDecreaseMicros = -1;
    private long rttMicros = 200_000;

    AimdRateControl(BweSettings settings) {
        this.settings = settings;
        this.bitrateBps = settings.startBps();
    }

    long bitrateBps() {
        return bitrateBps;
    }

    void setRttMicros(long rtt) {
        rttMicros = rtt;
    }

    /** Sets the estimate outright (a probe result); the capacity seen at over-use no longer applies. */
    void setEstimate(long bps, long nowMicros) {
        bitrateBps = settings.clamp(bps);
        linkCapacity.reset();
        lastChangeMicros = nowMicros;
    }

    /** True when a further cut is due: once per RTT (10..200 ms), or at once when acked fell below half. */
    boolean timeToReduceFurther(long nowMicros, long ackedBps) {
        long interval = Math.max(10_000, Math.min(200_000, rttMicros));
        if (lastDecreaseMicros < 0 || nowMicros - lastDecreaseMicros >= interval) {
            return true;
        }
        return ackedBps >= 0 && ackedBps < bitrateBps / 2;
    }

    /**
     * @param ackedBps the acknowledged rate, or -1 while unknown (then over-use halves the current rate)
     */
    long update(BandwidthUsage usage, long ackedBps, long nowMicros) {
        switch (usage) {
            case NORMAL -> {
                if (state == State.HOLD) {
                    lastChangeMicros = nowMicros;
                    state = State.INCREASE;
                }
            }
            case OVERUSING -> state = State.DECREASE;
            case UNDERUSING -> state = State.HOLD;
        }
        long throughput = ackedBps >= 0 ? ackedBps : bitrateBps;
        long throughputLimit = (long) (1.5 * throughput) + 10_000;
        long next = bitrateBps;
        switch (state) {
            case HOLD -> { }
            case INCREASE -> {
                if (linkCapacity.known() && throughput > linkCapacity.upperBoundBps()) {
                    linkCapacity.reset();
                }
                if (bitrateBps < throughputLimit) {
                    long increase = linkCapacity.known()
                            ? additiveIncrease(nowMicros) : multiplicativeIncrease(nowMicros);
                    next = Math.min(bitrateBps + increase, throughputLimit);
                }
                lastChangeMicros = nowMicros;
            }
            case DECREASE -> {
                long decreased = ackedBps >= 0 ? (long) (BETA * ackedBps) : bitrateBps / 2;
                if (decreased > bitrateBps && linkCapacity.known()) {
                    decreased = (long) (BETA * linkCapacity.estimateBps());
                }
                if (decreased < bitrateBps) {
                    next = decreased;
                }
                if (ackedBps >= 0) {
                    linkCapacity.onOveruse(ackedBps);
                }
                state = State.HOLD;
                lastChangeMicros = nowMicros;
                lastDecreaseMicros = nowMicros;
            }
        }
        bitrateBps = settings.clamp(next);
        return bitrateBps;
    }

    private long multiplicativeIncrease(long nowMicros) {
        double seconds = lastChangeMicros < 0 ? 0 : Math.min(nowMicros - lastChangeMicros, 1_000_000) / 1e6;
        double alpha = Math.pow(MULTIPLICATIVE_INCREASE_PER_SECOND, seconds);
        return Math.max((long) (bitrateBps * (alpha - 1)), 1_000);
    }

    /** About one average packet per response time (RTT + 100 ms), per second elapsed. */
    private long additiveIncrease(long nowMicros) {
        double bitsPerFrame = bitrateBps / FRAMES_PER_SECOND;
        double packetsPerFrame = Math.ceil(bitsPerFrame / (PACKET_BYTES * 8));
        double averagePacketBits = bitsPerFrame / packetsPerFrame;
        double responseSeconds = (rttMicros + RESPONSE_EXTRA_MICROS) / 1e6;
        double ratePerSecond = Math.max(MIN_ADDITIVE_INCREASE_BPS_PER_SECOND, averagePacketBits / responseSeconds);
        double seconds = lastChangeMicros < 0 ? 0 : Math.max(0, nowMicros - lastChangeMicros) / 1e6;
        return (long) (ratePerSecond * seconds);
    }
}
