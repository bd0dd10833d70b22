package dev.hearth.relay;

import java.util.Objects;

/**
 * A relay control call that cannot be carried out. {@link #code()} is stable and meant for protocol error replies;
 * the message is for people and never quotes SDP or ids.
 */
public class RelayException extends RuntimeException {

    /** The offer or answer SDP is malformed or asks for something the relay cannot do. */
    public static final String BAD_SDP = "bad-sdp";
    public static final String UNKNOWN_ROOM = "unknown-room";
    public static final String UNKNOWN_PARTICIPANT = "unknown-participant";
    /** subscribeAnswer without a pending subscribeOffer. */
    public static final String NO_OFFER = "no-offer";
    /** subscribeOffer while no other participant publishes anything. */
    public static final String NOTHING_TO_SUBSCRIBE = "nothing-to-subscribe";
    /** The room or the participant reached a relay limit (participants, producers, m-sections). */
    public static final String LIMIT_REACHED = "limit-reached";
    /** The packet loop did not carry out the call in time; the relay is overloaded or shutting down. */
    public static final String UNAVAILABLE = "relay-unavailable";

    private final String code;

    public RelayException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RelayException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }
}
