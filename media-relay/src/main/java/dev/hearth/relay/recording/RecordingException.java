package dev.hearth.relay.recording;

/** A recording that cannot be read or written, with a stable code ({@code not-found}, {@code corrupt}, ...). */
public class RecordingException extends RuntimeException {

    private final String code;

    public RecordingException(String code, String message) {
        super(message);
        this.code = code;
    }

    public RecordingException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
