package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One remote track the relay forwards to a subscriber, as its subscribe offer announces it.
 *
 * @param codec    the codec and payload types the relay sends with (RTX payload type included if any)
 * @param ssrc     the SSRC the relay writes on this consumer's packets
 * @param rtxSsrc  the SSRC of retransmissions; present exactly when the codec has an RTX payload type
 * @param streamId the remote participant's random id, so the browser groups their audio and video
 */
public record ConsumerDescription(String mid, MediaKind kind, NegotiatedCodec codec, long ssrc,
                                  OptionalLong rtxSsrc, String cname, String streamId, String trackId) {

    private static final int MAX_MID_LENGTH = 16;
    private static final int MAX_MSID_ID_LENGTH = 64;
    private static final int MAX_CNAME_LENGTH = 255;

    public ConsumerDescription {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(rtxSsrc, "rtxSsrc");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(trackId, "trackId");
        // 16 bytes is what fits the sdes:mid header extension in the one-byte form (RFC 8285 §4.2).
        if (mid.length() > MAX_MID_LENGTH || !SdpTokens.isToken(mid)) {
            throw new IllegalArgumentException("mid must be a token of at most 16 characters");
        }
        if (!kind.isRtp()) {
            throw new IllegalArgumentException("a consumer carries audio or video");
        }
        checkSsrc(ssrc);
        rtxSsrc.ifPresent(ConsumerDescription::checkSsrc);
        if (codec.rtxPayloadType().isPresent() != rtxSsrc.isPresent()) {
            throw new IllegalArgumentException("an RTX SSRC goes with an RTX payload type, and only with one");
        }
        if (rtxSsrc.isPresent() && rtxSsrc.getAsLong() == ssrc) {
            throw new IllegalArgumentException("the RTX SSRC must differ from the media SSRC");
        }
        if (cname.length() > MAX_CNAME_LENGTH || !SdpTokens.isVisibleAscii(cname)) {
            throw new IllegalArgumentException("cname must be 1-255 visible ASCII characters");
        }
        checkMsidId(streamId, "stream id");
        checkMsidId(trackId, "track id");
    }

    private static void checkSsrc(long ssrc) {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC must be a 32-bit unsigned value");
        }
    }

    /** RFC 8830 msid-id: 1-64 token characters. */
    private static void checkMsidId(String id, String what) {
        if (id.length() > MAX_MSID_ID_LENGTH || !SdpTokens.isToken(id)) {
            throw new IllegalArgumentException(what + " must be 1-64 token characters");
        }
    }
}
