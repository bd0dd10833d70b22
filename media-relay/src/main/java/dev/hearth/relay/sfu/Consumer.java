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
    private final Producer producer;
    private final Participant subscriber;
    private final String mid;
    private final byte[] midBytes;
    private final long ssrc;
    private final long rtxSsrc;
    private final NegotiatedCodec codec;
    private final SequenceRewriter rewriter;
    private int rtxSequence;
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
