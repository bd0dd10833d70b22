package dev.hearth.relay.transport;

import java.time.Duration;

/**
 * What one unauthenticated ICE-TCP connection may cost. A connection that has not passed a STUN check is anyone's
 * (a scanner, a flood, a slowloris sending one byte a second): it gets a bounded share of file descriptors and
 * memory (one frame of at most {@link PacketRouter#MAX_PACKET} bytes being assembled) and little time.
 *
 * @param authenticationTimeout a connection without an accepted check by then is closed; browsers check within
 *                              a round trip of connecting
 * @param maxUnauthenticated    connections accepted while this many are still unauthenticated are closed at once
 */
public record IceTcpLimits(Duration authenticationTimeout, int maxUnauthenticated) {

    public static final IceTcpLimits DEFAULTS = new IceTcpLimits(Duration.ofSeconds(10), 128);

    public IceTcpLimits {
        if (authenticationTimeout == null || authenticationTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("authentication timeout must be at least one millisecond");
        }
        if (maxUnauthenticated < 1) {
            throw new IllegalArgumentException("at least one unauthenticated connection must be allowed");
        }
    }
}
