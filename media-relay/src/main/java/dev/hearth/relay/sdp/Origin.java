package dev.hearth.relay.sdp;

import java.util.Objects;

/**
 * The {@code o=} line. The session id is kept as text because RFC 8866 only requires digits and some
 * stacks write values wider than a long; the version is a long because the relay compares and
 * increments it.
 */
public record Origin(String username, String sessionId, long sessionVersion, String netType, String addrType,
                     String address) {
    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }
}
