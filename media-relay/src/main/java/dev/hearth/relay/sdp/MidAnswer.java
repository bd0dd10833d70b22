package dev.hearth.relay.sdp;

import java.util.Objects;

/**
 * How the client answered one m-section of a subscribe offer. A section is accepted when the answer
 * kept a port and is willing to receive; a closed section is never accepted.
 */
public record MidAnswer(String mid, boolean accepted) {
    public MidAnswer {
        Objects.requireNonNull(mid, "mid");
    }
}
