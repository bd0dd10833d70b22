package dev.hearth.signaling.error;

import java.util.Objects;

/**
 * A refusal the protocol reports to the client as {@code {type:"error", code, message}}.
 * The message is written for the person in front of the screen and never contains their input,
 * so it is safe to log.
 */
public class HearthException extends RuntimeException {

    private final ErrorCode errorCode;

    public HearthException(ErrorCode errorCode, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** The stable wire code, for example {@code room-locked}. */
    public String code() {
        return errorCode.wire();
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
