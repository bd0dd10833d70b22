package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A codec both sides agreed on, with the payload type numbers in use on the wire: the primary payload
 * type and, when retransmissions were negotiated, the RTX payload type that carries them.
 *
 * @param channels 2 for Opus, 1 for video
 * @param fmtp     format parameters as written after the payload type, if any
 */
public record NegotiatedCodec(int payloadType, String name, int clockRate, int channels, Optional<String> fmtp,
                              List<RtcpFeedback> feedback, OptionalInt rtxPayloadType) {

    public NegotiatedCodec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fmtp, "fmtp");
        Objects.requireNonNull(rtxPayloadType, "rtxPayloadType");
        feedback = List.copyOf(feedback);
        checkPayloadType(payloadType);
        rtxPayloadType.ifPresent(NegotiatedCodec::checkPayloadType);
        if (rtxPayloadType.isPresent() && rtxPayloadType.getAsInt() == payloadType) {
            throw new IllegalArgumentException("RTX payload type must differ from the media payload type");
        }
        if (!SdpTokens.isVisibleAscii(name) || name.contains("/")) {
            throw new IllegalArgumentException("codec name must be a token");
        }
        if (clockRate <= 0 || channels <= 0 || channels > 255) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
        fmtp.ifPresent(f -> {
            if (f.isBlank() || f.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException("fmtp must be a single line of text");
            }
        });
    }

    public boolean is(String codecName) {
        return name.equalsIgnoreCase(codecName);
    }

    private static void checkPayloadType(int pt) {
        // 64-95 would collide with RTCP packet types under rtcp-mux (RFC 5761 §4).
        if (pt < 0 || pt > 127 || (pt >= 64 && pt <= 95)) {
            throw new IllegalArgumentException("payload type must be 0-63 or 96-127");
        }
    }
}
