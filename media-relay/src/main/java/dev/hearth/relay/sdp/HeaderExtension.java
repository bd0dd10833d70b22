package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/** {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285). */
public record HeaderExtension(int id, Optional<String> direction, String uri, Optional<String> attributes) {
    public HeaderExtension {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(attributes, "attributes");
        if (id < 1 || id > 255) {
            throw new SdpException("extmap id must be 1-255");
        }
    }

    public static HeaderExtension of(int id, String uri) {
        return new HeaderExtension(id, Optional.empty(), uri, Optional.empty());
    }
}
