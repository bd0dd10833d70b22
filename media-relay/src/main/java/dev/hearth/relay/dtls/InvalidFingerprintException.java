package dev.hearth.relay.dtls;

/** An SDP {@code a=fingerprint} value that cannot be used; the signaling edge maps it to its stable code. */
public final class InvalidFingerprintException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "invalid-fingerprint";

    public InvalidFingerprintException(String message) {
        super(message);
    }

    public String code() {
        return CODE;
    }
}
