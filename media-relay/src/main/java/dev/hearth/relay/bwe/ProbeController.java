package dev.hearth.relay.bwe;

/**
 * Decides when to probe and at what rate (after libwebrtc's ProbeController, simplified for an SFU whose senders
 * are the relay's own forwarding): the relay cannot raise a subscriber's estimate by sending more media, because it
 * only sends what the allocator chose, so it climbs by short probe clusters of padding or RTX at a multiple of the
 * estimate, and the measured delivery rate of a cluster ({@link ProbeBitrateEstimator}) becomes the estimate.
 *
 * <ul>
 *   <li>At start: one cluster at {@link #INITIAL_PROBE_FACTOR} × the start rate.</li>
 *   <li>While a probe result keeps coming back above {@link #FURTHER_PROBE_THRESHOLD} of what was probed, probe
 *       again at {@link #FURTHER_PROBE_FACTOR} × the new estimate (exponential search), until the wanted rate or the
 *       maximum is reached or a result stays away for {@link #RESULT_TIMEOUT_MICROS}.</li>
 *   <li>Otherwise, while the allocator wants more than the estimate, every {@link #PERIODIC_INTERVAL_MICROS}
 *       (libwebrtc's application-limited probing, more frequent so a recovered link is found within seconds), and
 *       soon ({@link #MIN_INTERVAL_MICROS}) after the wanted rate rises above the estimate.</li>
 * </ul>
 *
 * <p>A cluster is at least {@link #MIN_PROBE_DURATION_MICROS} and {@link #MIN_PROBE_PACKETS} packets long, as the
 * estimator needs a measurable spread. {@link #process} returns true when the owner should now send a cluster
 * described by {@link #clusterId()}, {@link #targetBps()}, {@link #minBytes()} and {@link #minPackets()}; the owner
 * tags each of its packets with the cluster id in {@link SendSideBandwidthEstimator#onPacketSent}.
 */
public final class ProbeController {
    static final double INITIAL_PROBE_FACTOR = 3;
    static final double FURTHER_PROBE_FACTOR = 2;
    static final double FURTHER_PROBE_THRESHOLD = 0.7;
    static final long RESULT_TIMEOUT_MICROS = 1_000_000;
    static final long PERIODIC_INTERVAL_MICROS = 3_000_000;
    static final long MIN_INTERVAL_MICROS = 1_000_000;
    public static final long MIN_PROBE_DURATION_MICROS = 15_000;
    public static final int MIN_PROBE_PACKETS = 5;

    private final BweSettings settings;
    private boolean started;
    private boolean waitingForResult;
    private long lastProbeMicros = -1;
    private long lastProbeBps;
    private long wantedBps;
    private boolean wantedRose;
    private int nextClusterId;
    private int clusterId = -1;
    private long targetBps;

    ProbeController(BweSettings settings) {
        this.settings = settings;
        this.wantedBps = settings.maxBps();
    }

    void setWantedBps(long bps) {
        long wanted = settings.clamp(bps);
        if (wanted > wantedBps) {
            wantedRose = true;
        }
        wantedBps = wanted;
    }

    boolean process(long nowMicros, long estimateBps) {
        long ceiling = Math.min(settings.maxBps(), wantedBps);
        if (!started) {
            started = true;
            return probe(nowMicros, (long) (INITIAL_PROBE_FACTOR * settings.startBps()), estimateBps, ceiling);
        }
        long sinceLast = nowMicros - lastProbeMicros;
        if (waitingForResult) {
            if (estimateBps > FURTHER_PROBE_THRESHOLD * lastProbeBps) {
                waitingForResult = false;
                if (estimateBps < ceiling) {
                    return probe(nowMicros, (long) (FURTHER_PROBE_FACTOR * estimateBps), estimateBps, ceiling);
                }
            } else if (sinceLast >= RESULT_TIMEOUT_MICROS) {
                waitingForResult = false;
            }
            return false;
        }
        if (estimateBps >= ceiling) {
            wantedRose = false;
            return false;
        }
        if (sinceLast >= PERIODIC_INTERVAL_MICROS || (wantedRose && sinceLast >= MIN_INTERVAL_MICROS)) {
            wantedRose = false;
            return probe(nowMicros, (long) (FURTHER_PROBE_FACTOR * estimateBps), estimateBps, ceiling);
        }
        return false;
    }

    private boolean probe(long nowMicros, long bps, long estimateBps, long ceiling) {
        long target = Math.min(bps, Math.max(ceiling, estimateBps));
        if (target <= estimateBps) {
            return false;
        }
        clusterId = nextClusterId;
        nextClusterId = (nextClusterId + 1) & Integer.MAX_VALUE;
        targetBps = target;
        lastProbeBps = target;
        lastProbeMicros = nowMicros;
        waitingForResult = true;
        return true;
    }

    /** The cluster to send now (valid after {@link #process} returned true). */
    public int clusterId() {
        return clusterId;
    }

    public long targetBps() {
        return targetBps;
    }

    /** Bytes the cluster must at least carry: its rate for {@link #MIN_PROBE_DURATION_MICROS}. */
    public int minBytes() {
        return (int) (targetBps * MIN_PROBE_DURATION_MICROS / 8_000_000);
    }

    public int minPackets() {
        return MIN_PROBE_PACKETS;
    }
}
