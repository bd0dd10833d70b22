package dev.hearth.relay.sfu;

import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.NegotiatedCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * One incoming track of a publisher: the stream on one mid of its publish transport. Identity is the mid, so when
 * the publisher renegotiates or reconnects with new SSRCs the producer {@link #restart restarts} and its consumers
 * carry on. Owned by the packet loop.
 */
final class Producer {
    /** PLIs to one publisher at most this often; more would only cost it bitrate in key frames. */
    static final long KEYFRAME_INTERVAL_NANOS = 500_000_000L;
    static final int NO_SSRC = -1;

    private final Participant owner;
    private final String mid;
    private final MediaKind kind;
    private final String trackId;
    private final List<Consumer> consumers = new ArrayList<>();
    private final PacketCache cache;
    private final byte[] midBytes;
    private NegotiatedCodec codec;
    private NegotiatedCodec downstreamCodec;
    private long ssrc;
    private long rtxSsrc;
    private int audioLevelId;
    private int transportCcId;
    private boolean muted;
    private boolean closed;
    private ReceiveStatistics statistics;
    private NackRequester nacks;
    private long lastKeyframeRequestNanos;
    private boolean keyframeRequested;
    private boolean keyframePending;

    Producer(Participant owner, String mid, MediaKind kind, String trackId) {
        this.owner = owner;
        this.mid = mid;
        this.kind = kind;
        this.trackId = trackId;
        this.cache = kind == MediaKind.VIDEO ? new PacketCache() : null;
        this.midBytes = mid.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.ssrc = NO_SSRC;
        this.rtxSsrc = NO_SSRC;
    }

    /** Takes the (new) stream parameters; a changed SSRC forgets the old stream's cache and statistics. */
    void restart(NegotiatedCodec codec, NegotiatedCodec downstreamCodec, long ssrc, long rtxSsrc, int audioLevelId,
            int transportCcId) {
        boolean newStream = ssrc != this.ssrc || statistics == null;
        this.codec = codec;
        this.downstreamCodec = downstreamCodec;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.audioLevelId = audioLevelId;
        this.transportCcId = transportCcId;
        if (newStream) {
            statistics = new ReceiveStatistics(codec.clockRate());
            nacks = newNackRequester(codec);
            if (cache != null) {
                cache.clear();
            }
        }
    }

    Participant owner() {
        return owner;
    }

    String mid() {
        return mid;
    }

    /** The mid as the sdes:mid extension carries it, for matching without allocation. */
    byte[] midBytes() {
        return midBytes;
    }

    /** Learns the media SSRC of a publisher that announced none in its SDP (see RFC 8843 section 9.2). */
    void bindSsrc(long learned) {
        ssrc = learned;
        statistics = new ReceiveStatistics(codec.clockRate());
        nacks = newNackRequester(codec);
        if (cache != null) {
            cache.clear();
        }
    }

    void bindRtxSsrc(long learned) {
        rtxSsrc = learned;
    }

    MediaKind kind() {
        return kind;
    }

    boolean isVideo() {
        return kind == MediaKind.VIDEO;
    }

    String trackId() {
        return trackId;
    }

    NegotiatedCodec codec() {
        return codec;
    }

    NegotiatedCodec downstreamCodec() {
        return downstreamCodec;
    }

    int payloadType() {
        return codec.payloadType();
    }

    int rtxPayloadType() {
        return codec.rtxPayloadType().orElse(-1);
    }

    int clockRate() {
        return codec.clockRate();
    }

    long ssrc() {
        return ssrc;
    }

    long rtxSsrc() {
        return rtxSsrc;
    }

    int audioLevelId() {
        return audioLevelId;
    }

    int transportCcId() {
        return transportCcId;
    }

    boolean isMuted() {
        return muted;
    }

    void setMuted(boolean muted) {
        this.muted = muted;
    }

    boolean isClosed() {
        return closed;
    }

    /** The cache of a video producer; null for audio, which is not retransmitted. */
    PacketCache cache() {
        return cache;
    }

    /** Upstream loss repair, or null when the publisher did not negotiate NACK for this codec (and for audio). */
    NackRequester nacks() {
        return nacks;
    }

    private NackRequester newNackRequester(NegotiatedCodec negotiated) {
        return isVideo() && negotiated.feedback().contains(dev.hearth.relay.sdp.RtcpFeedback.NACK)
                ? new NackRequester() : null;
    }

    ReceiveStatistics statistics() {
        return statistics;
    }

    List<Consumer> consumers() {
        return consumers;
    }

    void addConsumer(Consumer consumer) {
        consumers.add(consumer);
    }

    void removeConsumer(Consumer consumer) {
        consumers.remove(consumer);
    }

    /** Marks the producer gone and returns its consumers, now detached, so their subscribers can renegotiate. */
    List<Consumer> close() {
        closed = true;
        List<Consumer> detached = new ArrayList<>(consumers);
        consumers.clear();
        detached.forEach(Consumer::close);
        return detached;
    }

    /**
     * Whether a key frame request may go to the publisher now. A request inside the rate limit is remembered and
     * {@link #pendingKeyframeDue due} once the interval has passed, so a consumer that starts just after another
     * still gets its key frame.
     */
    boolean takeKeyframeRequest(long nowNanos) {
        if (!isVideo()) {
            return false;
        }
        if (keyframeRequested && nowNanos - lastKeyframeRequestNanos < KEYFRAME_INTERVAL_NANOS) {
            keyframePending = true;
            return false;
        }
        keyframeRequested = true;
        keyframePending = false;
        lastKeyframeRequestNanos = nowNanos;
        return true;
    }

    /** True when a rate-limited request is waiting and may now be sent. */
    boolean pendingKeyframeDue(long nowNanos) {
        return keyframePending && nowNanos - lastKeyframeRequestNanos >= KEYFRAME_INTERVAL_NANOS;
    }
}
