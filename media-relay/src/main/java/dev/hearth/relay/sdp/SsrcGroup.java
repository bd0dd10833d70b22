package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;

/**
 * {@code a=ssrc-group:<semantics> <ssrc>...} (RFC 5576): FID pairs a media SSRC with its RTX SSRC,
 * SIM lists simulcast layers from lowest to highest.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public static final String FID = "FID";
    public static final String SIM = "SIM";

    public SsrcGroup {
        Objects.requireNonNull(semantics, "semantics");
        ssrcs = List.copyOf(ssrcs);
    }
}
