package dev.hearth.relay.sdp;

/**
 * A session description that cannot be used: malformed, hostile, or asking for something the relay
 * cannot do. Messages name the line and the problem but never echo values, because an SDP carries ICE
 * passwords and identifiers that must not reach logs.
 */
public final class SdpException extends RuntimeException {

    /** Stable code the signaling edge maps to its error reply. */
    public static final String CODE = "invalid-sdp";

    public SdpException(String message) {
        super(message);
    }

    public String code() {
        return CODE;
    }
}
