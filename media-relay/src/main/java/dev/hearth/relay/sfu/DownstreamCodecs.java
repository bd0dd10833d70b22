package dev.hearth.relay.sfu;

import dev.hearth.relay.sdp.NegotiatedCodec;
import dev.hearth.relay.sdp.RelayCapabilities;
import dev.hearth.relay.sdp.RtcpFeedback;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The payload types and parameters the relay uses towards subscribers. Publishers pick their own payload type
 * numbers; if consumers kept them, one subscribe bundle could give one number to two codecs (two publishers with
 * different browsers), which BUNDLE forbids. So every codec has one fixed downstream number and each consumer
 * rewrites the payload type. Format parameters are fixed per codec for the same reason.
 *
 * <p>Downstream feedback is NACK and PLI/FIR only: the relay does not run a send-side bandwidth estimator towards
 * subscribers, so it neither offers transport-cc feedback nor puts transport-wide sequence numbers on the packets
 * it forwards.
 */
final class DownstreamCodecs {
    static final int OPUS = 111;
    static final int VP8 = 96;
    static final int VP8_RTX = 97;
    static final int H264 = 102;
    static final int H264_RTX = 103;

    /** Any constrained-baseline level can be decoded when level asymmetry is allowed (RFC 6184 section 8.1). */
    private static final String H264_FMTP = "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f";
    private static final List<RtcpFeedback> VIDEO_FEEDBACK =
            List.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI, RtcpFeedback.CCM_FIR);

    private DownstreamCodecs() {
    }

    /** The downstream codec for a producer's negotiated codec, or empty when the relay does not forward it. */
    static Optional<NegotiatedCodec> forProducer(NegotiatedCodec upstream) {
        if (upstream.is("opus")) {
            return Optional.of(new NegotiatedCodec(OPUS, "opus", 48000, 2, Optional.of(RelayCapabilities.OPUS_FMTP),
                    List.of(), OptionalInt.empty()));
        }
        if (upstream.is("VP8")) {
            return Optional.of(new NegotiatedCodec(VP8, "VP8", 90000, 1, Optional.empty(), VIDEO_FEEDBACK,
                    OptionalInt.of(VP8_RTX)));
        }
        if (upstream.is("H264")) {
            return Optional.of(new NegotiatedCodec(H264, "H264", 90000, 1, Optional.of(H264_FMTP), VIDEO_FEEDBACK,
                    OptionalInt.of(H264_RTX)));
        }
        return Optional.empty();
    }
}
