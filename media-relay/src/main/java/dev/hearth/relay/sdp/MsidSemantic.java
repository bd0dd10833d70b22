package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;

/** The legacy session-level {@code a=msid-semantic: WMS ...} line that Chrome still writes. */
public record MsidSemantic(String semantic, List<String> streamIds) {
    public MsidSemantic {
        Objects.requireNonNull(semantic, "semantic");
        streamIds = List.copyOf(streamIds);
    }
}
