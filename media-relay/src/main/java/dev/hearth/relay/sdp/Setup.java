package dev.hearth.relay.sdp;

import java.util.Locale;
import java.util.Optional;

/** DTLS role attribute {@code a=setup} (RFC 4145, RFC 8842). The relay is always the DTLS server. */
public enum Setup {
    ACTIVE("active"),
    PASSIVE("passive"),
    ACTPASS("actpass"),
    HOLDCONN("holdconn");

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    static Optional<Setup> fromToken(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        for (Setup s : values()) {
            if (s.token.equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
