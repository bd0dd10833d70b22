package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/** An {@code a=} line the parser has no dedicated field for, kept so nothing is silently lost. */
public record Attribute(String name, Optional<String> value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
