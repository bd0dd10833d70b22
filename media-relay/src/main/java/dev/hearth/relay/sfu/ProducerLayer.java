package dev.hearth.relay.sfu;

import dev.hearth.relay.sdp.NegotiatedCodec;

/**
 * One RTP stream of a {@link Producer}: the only one without simulcast, else one simulcast layer (index 0 the
 * lowest). Each layer has its own SSRC (and RTX SSRC), sequence space, cache, reception statistics, upstream NACKs
 * and key frame requests, and a measured bitrate for the allocator. A rid-identified layer learns its SSRCs from the
 * rid header extensions of its first packets. Owned by the packet loop.
 */
final class ProducerLayer {
    /** Measured over windows of this length; a layer without a packet for two windows counts as not arriving. */
    static final long RATE_WINDOW_NANOS = 500_000_000L;

    private final Producer producer;
    private final int index;
    private final byte[] rid;
    private final PacketCache cache;
    private long ssrc = Producer.NO_SSRC;
    private long rtxSsrc = Producer.NO_SSRC;
    private ReceiveStatistics statistics;
    private NackRequester nacks;
    private int width;
    private int height;
    private long windowStartNanos = -1;
    private long windowBytes;
    private long lastPacketNanos;
    private long bitrateBps;
    private long lastKeyframeRequestNanos;
    private boolean keyframeRequested;
    private boolean keyframePending;

    /** @param rid the layer's rid as US-ASCII bytes, null for a stream known by SSRC or mid only */
    ProducerLayer(Producer producer, int index, byte[] rid, int width, int height) {
        this.producer = producer;
        this.index = index;
        this.rid = rid;
        this.width = width;
        this.height = height;
        this.cache = producer.isVideo() ? new PacketCache() : null;
    }

    Producer producer() {
        return producer;
    }

    int index() {
        return index;
    }

    /** The rid's bytes, or null. */
    byte[] rid() {
        return rid;
    }

    long ssrc() {
        return ssrc;
    }

    long rtxSsrc() {
        return rtxSsrc;
    }

    /** A (new) media SSRC forgets the old stream's cache, statistics and outstanding NACKs. */
    void useSsrc(long mediaSsrc, NegotiatedCodec codec) {
        boolean newStream = mediaSsrc != ssrc || statistics == null;
        ssrc = mediaSsrc;
        if (newStream) {
            statistics = new ReceiveStatistics(codec.clockRate());
            nacks = producer.isVideo() && codec.feedback().contains(dev.hearth.relay.sdp.RtcpFeedback.NACK)
                    ? new NackRequester() : null;
            if (cache != null) {
                cache.clear();
            }
        }
    }

    /** No SSRC and no stream state: the layer is learned again like a new one (its rid and resolution stay). */
    void forgetSsrcs() {
        ssrc = Producer.NO_SSRC;
        rtxSsrc = Producer.NO_SSRC;
        statistics = null;
        nacks = null;
        if (cache != null) {
            cache.clear();
        }
    }

    void useRtxSsrc(long ssrc) {
        rtxSsrc = ssrc;
    }

    ReceiveStatistics statistics() {
        return statistics;
    }

    NackRequester nacks() {
        return nacks;
    }

    PacketCache cache() {
        return cache;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The resolution a key frame announced; replaces the default guessed from the rid. */
    void resolution(int frameWidth, int frameHeight) {
        if (frameWidth > 0 && frameHeight > 0) {
            width = frameWidth;
            height = frameHeight;
        }
    }

    /** Counts one arriving packet (after RTX restoration) into the layer's bitrate. */
    void measure(int bytes, long nowNanos) {
        if (windowStartNanos < 0) {
            windowStartNanos = nowNanos;
        }
        windowBytes += bytes;
        lastPacketNanos = nowNanos;
        closeWindow(nowNanos);
    }

    private void closeWindow(long nowNanos) {
        long span = nowNanos - windowStartNanos;
        if (windowStartNanos >= 0 && span >= RATE_WINDOW_NANOS) {
            long measured = windowBytes * 8 * 1_000_000_000L / span;
            bitrateBps = bitrateBps == 0 ? measured : (bitrateBps + measured) / 2;
            windowStartNanos = nowNanos;
            windowBytes = 0;
        }
    }

    /**
     * The layer's measured bitrate in bit/s, 0 when it is not arriving (a browser stops sending a layer its uplink
     * or the page cannot afford).
     */
    long bitrateBps(long nowNanos) {
        if (windowStartNanos < 0 || nowNanos - lastPacketNanos > 2 * RATE_WINDOW_NANOS) {
            return 0;
        }
        closeWindow(nowNanos);
        if (bitrateBps == 0 && nowNanos - windowStartNanos > 0) {
            // first window still open: what arrived so far, so a new layer is usable within a tick or two
            return windowBytes * 8 * 1_000_000_000L / Math.max(RATE_WINDOW_NANOS / 5, nowNanos - windowStartNanos);
        }
        return bitrateBps;
    }

    /**
     * Whether a key frame request may go to the publisher for this layer now. A request inside the rate limit is
     * remembered and {@link #pendingKeyframeDue due} once the interval has passed, so a consumer that starts just
     * after another still gets its key frame.
     */
    boolean takeKeyframeRequest(long nowNanos) {
        if (!producer.isVideo()) {
            return false;
        }
        if (keyframeRequested && nowNanos - lastKeyframeRequestNanos < Producer.KEYFRAME_INTERVAL_NANOS) {
            keyframePending = true;
            return false;
        }
        keyframeRequested = true;
        keyframePending = false;
        lastKeyframeRequestNanos = nowNanos;
        return true;
    }

    boolean pendingKeyframeDue(long nowNanos) {
        return keyframePending && nowNanos - lastKeyframeRequestNanos >= Producer.KEYFRAME_INTERVAL_NANOS;
    }
}
