package dev.hearth.relay;

/** A relay request refused with a stable code ({@code bad-sdp}, {@code not-found}, ...). */
public class RelayException extends RuntimeException {

    private final String code;

    public RelayException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
