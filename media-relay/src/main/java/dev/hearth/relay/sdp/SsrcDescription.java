package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/** What {@code a=ssrc:<ssrc> <attribute>} lines said about one SSRC (RFC 5576). */
public record SsrcDescription(long ssrc, Optional<String> cname, Optional<Msid> msid) {
    public SsrcDescription {
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(msid, "msid");
    }
}
