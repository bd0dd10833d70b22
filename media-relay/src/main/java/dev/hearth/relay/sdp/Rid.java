package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/** {@code a=rid:<id> <send|recv> [<restrictions>]} (RFC 8851). Parsed for information only. */
public record Rid(String id, String direction, Optional<String> restrictions) {
    public Rid {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(restrictions, "restrictions");
    }
}
