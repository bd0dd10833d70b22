package dev.hearth.relay.recording;

import java.util.Objects;

/**
 * One recorded stream: whose it is and how to decode it. A participant may have several tracks of one kind (two
 * cameras), told apart by {@code mid}.
 *
 * @param kind  {@code audio} or {@code video}
 * @param codec the RTP codec name as negotiated, e.g. {@code VP8} or {@code opus}
 */
public record TrackDescriptor(String participantId, String mid, String kind, String codec, int clockRate,
                              int channels) {

    public TrackDescriptor {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codec, "codec");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive");
        }
    }

    public boolean isVideo() {
        return "video".equals(kind);
    }
}
