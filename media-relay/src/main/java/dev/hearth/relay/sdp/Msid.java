package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/** {@code a=msid:<stream id> [<track id>]} (RFC 8830): which MediaStream a track belongs to. */
public record Msid(String streamId, Optional<String> trackId) {
    public Msid {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(trackId, "trackId");
    }

    /** RFC 8830 msid-id: 1-64 token characters; only such an id may be written into a description. */
    public static boolean isValidId(String id) {
        return id != null && id.length() <= 64 && SdpTokens.isToken(id);
    }

    static Msid parse(String value) {
        String[] parts = value.strip().split("\\s+");
        return new Msid(parts[0], parts.length > 1 ? Optional.of(parts[1]) : Optional.empty());
    }
}
