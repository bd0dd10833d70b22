package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.OptionalLong;

/** One RTP stream a publisher announced: its media SSRC and, if paired by {@code ssrc-group:FID}, its RTX SSRC. */
public record SenderStream(long ssrc, OptionalLong rtxSsrc) {
    public SenderStream {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC must be a 32-bit unsigned value");
        }
        Objects.requireNonNull(rtxSsrc, "rtxSsrc");
    }
}
