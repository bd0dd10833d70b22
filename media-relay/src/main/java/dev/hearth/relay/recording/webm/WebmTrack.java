package dev.hearth.relay.recording.webm;

import java.util.Objects;

/**
 * One track of the WebM file.
 *
 * @param number        1-based track number used in blocks
 * @param width         pixel width for video, 0 for audio
 * @param codecPrivate  OpusHead for Opus; null for VP8
 */
public record WebmTrack(int number, boolean video, String codecId, String name, int width, int height, int channels,
                        byte[] codecPrivate) {

    public static final String VP8 = "V_VP8";
    public static final String OPUS = "A_OPUS";

    public WebmTrack {
        Objects.requireNonNull(codecId, "codecId");
        Objects.requireNonNull(name, "name");
        if (number < 1 || number > 126) {
            throw new IllegalArgumentException("track numbers are 1 to 126 here (one-byte block header)");
        }
    }

    public static WebmTrack vp8(int number, String name, int width, int height) {
        return new WebmTrack(number, true, VP8, name, width, height, 0, null);
    }

    /** Opus as WebRTC sends it: 48 kHz, two channels declared (mono packets decode fine as stereo). */
    public static WebmTrack opus(int number, String name, int channels) {
        return new WebmTrack(number, false, OPUS, name, 0, 0, channels, OpusHead.of(channels));
    }
}
