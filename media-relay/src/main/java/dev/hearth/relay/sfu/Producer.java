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
    /** PLIs for one stream at most this often; more would only cost the publisher bitrate in key frames. */
    static final long KEYFRAME_INTERVAL_NANOS = 500_000_000L;
    static final int NO_SSRC = -1;

    private final Participant owner;
    private final String mid;
    private final MediaKind kind;
    private final String trackId;
    private final List<Consumer> consumers = new ArrayList<>();
    private final byte[] midBytes;
    private NegotiatedCodec codec;
    private NegotiatedCodec downstreamCodec;
    private ProducerLayer[] layers = new ProducerLayer[0];
    private int audioLevelId;
    private int transportCcId;
    private boolean muted;
    private boolean closed;

    Producer(Participant owner, String mid, MediaKind kind, String trackId) {
        this.owner = owner;
        this.mid = mid;
        this.kind = kind;
        this.trackId = trackId;
        this.midBytes = mid.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One stream the publisher announced (or will identify by rid or mid): what {@link #restart} takes. */
    record StreamSpec(String rid, long ssrc, long rtxSsrc, int width, int height) {
    }

    /**
     * Takes the (new) stream parameters. The same number of streams keeps the layers (a changed SSRC forgets that
     * layer's cache and statistics); a different number replaces them. An SSRC of {@link #NO_SSRC} keeps what was
     * learned from the packets.
     */
    void restart(NegotiatedCodec codec, NegotiatedCodec downstreamCodec, List<StreamSpec> streams, int audioLevelId,
            int transportCcId) {
        this.codec = codec;
        this.downstreamCodec = downstreamCodec;
        this.audioLevelId = audioLevelId;
        this.transportCcId = transportCcId;
        if (streams.size() != layers.length || !sameRids(streams)) {
            layers = new ProducerLayer[streams.size()];
            for (int i = 0; i < layers.length; i++) {
                StreamSpec s = streams.get(i);
                layers[i] = new ProducerLayer(this, i,
                        s.rid() == null ? null : s.rid().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        s.width(), s.height());
            }
            for (Consumer consumer : consumers) {
                consumer.layersChanged();
            }
        }
        for (int i = 0; i < layers.length; i++) {
            StreamSpec s = streams.get(i);
            if (s.ssrc() != NO_SSRC || layers[i].statistics() == null) {
                layers[i].useSsrc(s.ssrc() != NO_SSRC ? s.ssrc() : layers[i].ssrc(), codec);
            }
            if (s.rtxSsrc() != NO_SSRC || s.ssrc() != NO_SSRC) {
                layers[i].useRtxSsrc(s.rtxSsrc());
            }
        }
    }

    /**
     * Every layer back to no SSRC, as before its first packet: the next {@link #restart} takes announced SSRCs, and
     * the others are learned from the packets again.
     */
    void forgetLearnedSsrcs() {
        for (ProducerLayer layer : layers) {
            layer.forgetSsrcs();
        }
    }

    private boolean sameRids(List<StreamSpec> streams) {
        for (int i = 0; i < layers.length; i++) {
            byte[] rid = layers[i].rid();
            String wanted = streams.get(i).rid();
            if (rid == null ? wanted != null
                    : wanted == null || !wanted.equals(new String(rid, java.nio.charset.StandardCharsets.US_ASCII))) {
                return false;
            }
        }
        return true;
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

    int layerCount() {
        return layers.length;
    }

    ProducerLayer layer(int index) {
        return layers[index];
    }

    /** More than one layer: consumers switch between them only at key frames. */
    boolean isSimulcast() {
        return layers.length > 1;
    }

    /** The layer sending {@code ssrc} as media or RTX, or null. */
    ProducerLayer layerBySsrc(long ssrc) {
        for (ProducerLayer layer : layers) {
            if (layer.ssrc() == ssrc || layer.rtxSsrc() == ssrc) {
                return layer;
            }
        }
        return null;
    }

    /** The layer a recording takes: the best one (a recording is decoded later, from one stream). */
    ProducerLayer recordedLayer() {
        return layers.length == 0 ? null : layers[layers.length - 1];
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
}
