package dev.hearth.relay.sfu;

import dev.hearth.relay.ConnectionQuality;
import dev.hearth.relay.SubscriberView;
import dev.hearth.relay.alloc.LayerAllocator;
import dev.hearth.relay.alloc.SubscribedTrack;
import dev.hearth.relay.bwe.BweSettings;
import dev.hearth.relay.bwe.ProbeController;
import dev.hearth.relay.bwe.SendSideBandwidthEstimator;
import dev.hearth.relay.rtcp.TransportCcFeedback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One subscriber's downstream: the transport-wide sequence numbers the relay stamps on everything it sends on the
 * subscribe transport, the send-side estimate fed by the subscriber's transport-cc feedback, the probe cluster in
 * flight, the {@link LayerAllocator} that shares the estimate over the consumers by the client's
 * {@link SubscriberView}, and what was last reported to signaling. Owned by the packet loop; the per-packet calls
 * ({@link #transportSequence}, {@link #sent}) allocate nothing.
 */
final class SubscriberBandwidth {
    /** Quality reports to signaling at most this often. */
    static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;
    /** Below this no video layer fits: the page should say the connection is poor. */
    static final long POOR_BELOW_BPS = 150_000;
    /** SRTP adds its tag (16 bytes for AES-GCM, 10 for AES-CM); counted as the larger. */
    static final int SRTP_OVERHEAD = 16;
    /**
     * A probe cluster that has not reached its size by then is closed anyway: its rate times this is well above
     * {@link ProbeController#MIN_PROBE_BYTES} at any rate worth probing (10 KB takes 270 ms at 300 kbit/s).
     */
    static final long PROBE_MAX_NANOS = 400_000_000L;
    /** Padding bytes in one probe packet: the most one RTP padding count can say is 255. */
    static final int PROBE_PADDING = 255;
    /**
     * Padding packets sent at one opportunity at most. Opportunities are the packets forwarded to the subscriber and
     * the ticks, not a pacer, so a cluster comes in a few bursts; enough for a 4 Mbit/s probe over one 50 ms tick.
     */
    static final int MAX_PROBE_BURST = 100;

    private final SendSideBandwidthEstimator estimator;
    private final LayerAllocator allocator = new LayerAllocator();
    private final List<SubscribedTrack> tracks = new ArrayList<>();
    private final List<Consumer> trackConsumers = new ArrayList<>();
    private Map<String, SubscriberView.Tile> tiles;
    private SubscriberView.Mode mode = SubscriberView.Mode.NORMAL;
    private int transportCcId;
    private int nextSequence;
    private boolean feedbackSeen;

    private int clusterId = -1;
    private long clusterStartNanos;
    private long clusterBytes;
    private int clusterPackets;
    private long clusterTargetBps;
    private int clusterMinBytes;
    private int clusterMinPackets;

    private long lastReportNanos;
    private boolean reported;
    private ConnectionQuality.Level reportedLevel;
    private long reportedEstimateBps;
    private long reportedPausedMask;

    SubscriberBandwidth(BweSettings settings, int initialSequence) {
        this.estimator = new SendSideBandwidthEstimator(settings);
        this.nextSequence = initialSequence & 0xFFFF;
    }

    /** A fresh estimate and numbering for a new subscribe transport, keeping the client's view. */
    SubscriberBandwidth restarted(int initialSequence) {
        SubscriberBandwidth next = new SubscriberBandwidth(estimator.settings(), initialSequence);
        next.tiles = tiles;
        next.mode = mode;
        return next;
    }

    SendSideBandwidthEstimator estimator() {
        return estimator;
    }

    /** The downstream id of the transport-wide sequence number extension, 0 while the subscriber has not taken it. */
    int transportCcId() {
        return transportCcId;
    }

    void useTransportCc(int id) {
        transportCcId = id;
    }

    /** The sequence number the next packet sent carries; taken only by {@link #sent}, so a failed send uses none. */
    int transportSequence() {
        return nextSequence;
    }

    /** A packet carrying {@link #transportSequence()} left for the subscriber. */
    void sent(int rtpBytes, long nowNanos) {
        int cluster = -1;
        if (clusterId >= 0) {
            cluster = clusterId;
            clusterBytes += rtpBytes;
            clusterPackets++;
        }
        estimator.onPacketSent(nextSequence, rtpBytes + SRTP_OVERHEAD, nowNanos / 1000, cluster);
        nextSequence = (nextSequence + 1) & 0xFFFF;
    }

    void onFeedback(TransportCcFeedback feedback, long nowNanos) {
        feedbackSeen = true;
        estimator.onTransportFeedback(feedback, nowNanos / 1000);
    }

    void setView(SubscriberView view) {
        if (view.tiles() == null) {
            tiles = null;
        } else {
            Map<String, SubscriberView.Tile> byPublisher = new HashMap<>();
            for (SubscriberView.Tile tile : view.tiles()) {
                byPublisher.put(tile.participantId(), tile);
            }
            tiles = byPublisher;
        }
        mode = view.mode();
    }

    // ---- probing ------------------------------------------------------------------------------------------------

    /** Asks the estimator whether to probe; starts a cluster when it says so and none is in flight. */
    void maybeStartProbe(long nowNanos) {
        if (transportCcId <= 0 || clusterId >= 0) {
            return;
        }
        if (estimator.process(nowNanos / 1000)) {
            clusterId = estimator.probes().clusterId();
            clusterStartNanos = nowNanos;
            clusterBytes = 0;
            clusterPackets = 0;
            clusterTargetBps = estimator.probes().targetBps();
            clusterMinBytes = estimator.probes().minBytes();
            clusterMinPackets = estimator.probes().minPackets();
        }
    }

    /**
     * How many padding packets to send now to keep the cluster at its rate: everything sent to the subscriber since
     * the cluster began counts (media too), the padding fills the gap up to the probe rate, by the clock, so even
     * the end of a cluster comes no faster than its rate (a last burst would be the part a shaper drops). The
     * cluster is over once it carried its size and packet count, or after {@link #PROBE_MAX_NANOS}.
     */
    int probePacketsDue(long nowNanos) {
        if (clusterId < 0) {
            return 0;
        }
        if (nowNanos - clusterStartNanos >= PROBE_MAX_NANOS) {
            clusterId = -1;
            return 0;
        }
        // the first packet goes at once, the rest follow the clock at the cluster's rate
        long elapsed = Math.max(nowNanos - clusterStartNanos, 1_000_000);
        long owed = Math.min(clusterTargetBps * elapsed / 8_000_000_000L, clusterMinBytes) - clusterBytes;
        int packet = PROBE_PADDING + 32;
        return (int) Math.max(0, Math.min(MAX_PROBE_BURST, (owed + packet - 1) / packet));
    }

    /** After the padding of one opportunity: a cluster that carried its size is over. */
    void probeOpportunityDone() {
        if (clusterId >= 0 && clusterBytes >= clusterMinBytes && clusterPackets >= clusterMinPackets) {
            clusterId = -1;
        }
    }

    /** No stream to carry padding: the cluster is dropped (the estimator's result for it never comes). */
    void probeAbandoned() {
        clusterId = -1;
    }

    boolean probing() {
        return clusterId >= 0;
    }

    // ---- allocation ---------------------------------------------------------------------------------------------

    /**
     * Runs the allocator over the subscriber's consumers and writes each one's chosen layer to {@link #selection};
     * the caller switches the consumers. Rebuilds the track list when the consumers changed.
     */
    void allocate(List<Consumer> consumers, long nowNanos) {
        if (!sameConsumers(consumers)) {
            tracks.clear();
            trackConsumers.clear();
            for (Consumer consumer : consumers) {
                trackConsumers.add(consumer);
                tracks.add(consumer.kind() == dev.hearth.relay.sdp.MediaKind.AUDIO ? SubscribedTrack.audio(0)
                        : SubscribedTrack.video());
            }
        }
        for (int i = 0; i < tracks.size(); i++) {
            describe(tracks.get(i), trackConsumers.get(i), nowNanos);
        }
        allocator.allocate(estimator.targetBitrateBps(), tracks, nowNanos / 1000);
        // probing aims for what the allocator would need to move up, headroom included
        estimator.setWantedBitrateBps((long) (allocator.wantedBps() * (1 + LayerAllocator.UPGRADE_HEADROOM)) + 20_000);
    }

    private boolean sameConsumers(List<Consumer> consumers) {
        if (consumers.size() != trackConsumers.size()) {
            return false;
        }
        for (int i = 0; i < consumers.size(); i++) {
            if (consumers.get(i) != trackConsumers.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void describe(SubscribedTrack track, Consumer consumer, long nowNanos) {
        Producer producer = consumer.producer();
        boolean usable = consumer.isStarted() && !producer.isClosed() && !producer.isMuted();
        for (int l = 0; l < producer.layerCount() && l < SubscribedTrack.MAX_LAYERS; l++) {
            ProducerLayer layer = producer.layer(l);
            track.setLayer(l, layer.width(), layer.height(), usable ? layer.bitrateBps(nowNanos) : 0);
        }
        if (track.isAudio()) {
            return;
        }
        SubscriberView.Tile tile = tiles == null ? null : tiles.get(producer.owner().id());
        track.setPinned(tile != null && tile.pinned());
        if (mode == SubscriberView.Mode.AUDIO_ONLY) {
            track.setTile(0, 0);
        } else if (mode == SubscriberView.Mode.LOW_DATA) {
            track.setTile(1, 1);
        } else if (tile == null || tile.width() == 0 || tile.height() == 0) {
            // No size yet: no report, a publisher the page has no tile for yet (it joined after the last one), or
            // a tile whose video is not laid out yet (0x0). Sending nothing would leave that tile without the
            // picture it takes its size from, so the video goes at the best layer the estimate allows until the
            // page says how large it is. Only audio-only mode stops a video.
            track.setTile(SubscribedTrack.TILE_UNKNOWN, SubscribedTrack.TILE_UNKNOWN);
        } else {
            track.setTile(tile.width(), tile.height());
        }
    }

    int trackCount() {
        return tracks.size();
    }

    Consumer trackConsumer(int i) {
        return trackConsumers.get(i);
    }

    SubscribedTrack track(int i) {
        return tracks.get(i);
    }

    // ---- reporting ----------------------------------------------------------------------------------------------

    /**
     * The report to send signaling now, or null: when the level, the paused set or the estimate (by a quarter)
     * changed since the last report, and not sooner than {@link #REPORT_INTERVAL_NANOS} after it.
     */
    ConnectionQuality reportDue(long nowNanos) {
        if (reported && nowNanos - lastReportNanos < REPORT_INTERVAL_NANOS) {
            return null;
        }
        long estimate = estimator.targetBitrateBps();
        long pausedMask = 0;
        boolean below = false;
        boolean paused = false;
        for (int i = 0; i < tracks.size(); i++) {
            SubscribedTrack t = tracks.get(i);
            if (trackConsumers.get(i).isPausedForBudget()) {
                paused = true;
                pausedMask |= 1L << (i & 63);
            }
            below |= t.belowWanted();
        }
        double loss = estimator.lastLossFraction();
        ConnectionQuality.Level level = paused || loss > 0.10 || (feedbackSeen && estimate < POOR_BELOW_BPS)
                ? ConnectionQuality.Level.POOR
                : below || loss > 0.02 ? ConnectionQuality.Level.FAIR : ConnectionQuality.Level.GOOD;
        boolean changed = !reported || level != reportedLevel || pausedMask != reportedPausedMask
                || Math.abs(estimate - reportedEstimateBps) * 4 > reportedEstimateBps;
        if (!changed) {
            return null;
        }
        reported = true;
        lastReportNanos = nowNanos;
        reportedLevel = level;
        reportedPausedMask = pausedMask;
        reportedEstimateBps = estimate;
        TreeSet<String> pausedVideo = new TreeSet<>();
        for (int i = 0; i < tracks.size(); i++) {
            if (trackConsumers.get(i).isPausedForBudget()) {
                pausedVideo.add(trackConsumers.get(i).producer().owner().id());
            }
        }
        return new ConnectionQuality(estimate / 1000, level, pausedVideo);
    }
}
