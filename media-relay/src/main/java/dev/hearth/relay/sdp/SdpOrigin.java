package dev.hearth.relay.sdp;

import java.security.SecureRandom;

/**
 * The relay's own {@code o=} identity for one transport: a fixed session id and a version that must
 * grow with every description the relay sends on that transport (RFC 3264 §8).
 */
public record SdpOrigin(long sessionId, long version) {

    public SdpOrigin {
        if (sessionId < 0 || version < 0) {
            throw new IllegalArgumentException("session id and version are non-negative");
        }
    }

    /** A new session with a random 62-bit id, as RFC 8866 §5.2 recommends, starting at version 1. */
    public static SdpOrigin random(SecureRandom random) {
        return new SdpOrigin(random.nextLong() >>> 2, 1);
    }

    public SdpOrigin next() {
        return new SdpOrigin(sessionId, Math.addExact(version, 1));
    }
}
