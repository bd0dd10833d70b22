package dev.hearth.relay.sfu;

import dev.hearth.relay.sdp.ConsumerDescription;
import dev.hearth.relay.sdp.MediaKind;
import dev.hearth.relay.sdp.NegotiatedCodec;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * One producer as one subscriber receives it: on the subscriber's transport, under its own mid, random SSRC (and
 * RTX SSRC for video), fixed downstream payload types, and a {@link SequenceRewriter} that keeps its sequence numbers
 * and timestamps continuous. A consumer forwards only once the subscriber's answer accepted its mid. Owned by the
 * packet loop.
 */
final class Consumer {
    static final int PAUSED = -1;

    private final Producer producer;
    private final Participant subscriber;
    private final String mid;
    private final byte[] midBytes;
    private final long ssrc;
    private final long rtxSsrc;
    private final NegotiatedCodec codec;
    private final SequenceRewriter rewriter;
    private final Vp8PictureIdRewriter pictureIds;
    private int rtxSequence;
    /** The layer being forwarded, or {@link #PAUSED}. */
    private int currentLayer = PAUSED;
    /** The layer the allocator chose; the consumer moves to it at that layer's next key frame. */
    private int targetLayer;
    private boolean pausedForBudget;
    private boolean started;
    private boolean rtxNegotiated;
    private boolean closed;

    Consumer(Producer producer, Participant subscriber, String mid, long ssrc, long rtxSsrc, int initialSequence,
            long initialTimestamp, int initialRtxSequence) {
        this.producer = producer;
        this.subscriber = subscriber;
        this.mid = mid;
        this.midBytes = mid.getBytes(StandardCharsets.US_ASCII);
        this.ssrc = ssrc;
        this.codec = producer.downstreamCodec();
        this.rtxSsrc = codec.rtxPayloadType().isPresent() ? rtxSsrc : Producer.NO_SSRC;
        this.rewriter = new SequenceRewriter(initialSequence, initialTimestamp);
        this.rtxSequence = initialRtxSequence & 0xFFFF;
        this.pictureIds = codec.is("VP8") ? new Vp8PictureIdRewriter() : null;
    }

    /** The VP8 picture id rewriter, or null for other codecs. */
    Vp8PictureIdRewriter pictureIds() {
        return pictureIds;
    }

    int currentLayer() {
        return currentLayer;
    }

    int targetLayer() {
        return targetLayer;
    }

    /**
     * The allocator's choice; returns true when a key frame of the new layer is needed (a switch to another layer
     * than the one forwarded, other than a pause).
     */
    boolean target(int layer) {
        int previous = targetLayer;
        targetLayer = layer;
        if (layer == PAUSED) {
            currentLayer = PAUSED;
        }
        return layer != PAUSED && layer != previous && layer != currentLayer;
    }

    /** Whether the video is paused because the subscriber's estimate cannot carry it (reported to the client). */
    boolean isPausedForBudget() {
        return pausedForBudget;
    }

    void pausedForBudget(boolean paused) {
        pausedForBudget = paused;
    }

    /** The producer's layers were replaced: start again from the lowest. */
    void layersChanged() {
        currentLayer = PAUSED;
        targetLayer = targetLayer == PAUSED ? PAUSED : 0;
    }

    /**
     * Decides for one packet of layer {@code layer} whether it goes to the subscriber. A simulcast consumer moves to
     * its target layer only at a key frame of that layer (its first packet), so the decoder never gets a frame that
     * refers to a picture of another layer; until then it stays on the current one. A single stream switches at
     * once: there is nothing else to wait on, and the subscriber's own PLI repairs the start.
     */
    boolean forwards(int layer, boolean startsKeyframe) {
        if (layer == currentLayer) {
            return true;
        }
        if (layer != targetLayer || !(startsKeyframe || !producer.isSimulcast() || !producer.isVideo())) {
            return false;
        }
        currentLayer = layer;
        return true;
    }

    Producer producer() {
        return producer;
    }

    Participant subscriber() {
        return subscriber;
    }

    String mid() {
        return mid;
    }

    byte[] midBytes() {
        return midBytes;
    }

    long ssrc() {
        return ssrc;
    }

    /** The RTX SSRC, or {@link Producer#NO_SSRC} for audio. */
    long rtxSsrc() {
        return rtxSsrc;
    }

    int payloadType() {
        return codec.payloadType();
    }

    int rtxPayloadType() {
        return codec.rtxPayloadType().orElse(-1);
    }

    MediaKind kind() {
        return producer.kind();
    }

    SequenceRewriter rewriter() {
        return rewriter;
    }

    int nextRtxSequence() {
        int next = rtxSequence;
        rtxSequence = (rtxSequence + 1) & 0xFFFF;
        return next;
    }

    /** Retransmissions go as RTX only when the subscriber's answer kept the RTX payload type. */
    boolean sendsRtx() {
        return rtxNegotiated && rtxSsrc != Producer.NO_SSRC;
    }

    boolean isStarted() {
        return started && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    /** The subscriber accepted this consumer's section; returns true when it was not started before. */
    boolean start(boolean rtxNegotiated) {
        this.rtxNegotiated = rtxNegotiated;
        boolean wasStarted = started;
        started = true;
        return !wasStarted;
    }

    void pause() {
        started = false;
    }

    void close() {
        closed = true;
        started = false;
    }

    ConsumerDescription description(String cname) {
        return new ConsumerDescription(mid, producer.kind(), codec, ssrc,
                rtxSsrc == Producer.NO_SSRC ? OptionalLong.empty() : OptionalLong.of(rtxSsrc), cname,
                producer.owner().streamId(), producer.trackId());
    }
}
