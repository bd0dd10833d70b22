package dev.hearth.relay.dtls;

/** Completes a session's handshake future when the handshake fails; carries a stable {@link DtlsFailure}. */
public final class DtlsHandshakeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DtlsFailure failure;

    public DtlsHandshakeException(DtlsFailure failure, String message) {
        this(failure, message, null);
    }

    public DtlsHandshakeException(DtlsFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public DtlsFailure failure() {
        return failure;
    }

    public String code() {
        return failure.code();
    }
}
