package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;

/** A session-level {@code a=group} line, e.g. {@code BUNDLE 0 1 2} (RFC 5888, RFC 8843). */
public record Group(String semantics, List<String> mids) {

    public static final String BUNDLE = "BUNDLE";

    public Group {
        Objects.requireNonNull(semantics, "semantics");
        mids = List.copyOf(mids);
    }

    public boolean isBundle() {
        return BUNDLE.equalsIgnoreCase(semantics);
    }
}
