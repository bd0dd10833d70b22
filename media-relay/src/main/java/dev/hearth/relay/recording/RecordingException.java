package dev.hearth.relay.recording;

/** A recording that cannot be read or written, with a stable code ({@code not-found}, {@code corrupt}, ...). */
public class RecordingException extends RuntimeException {

    /** No recording has this id (on disk, or open in this room). */
    public static final String NOT_FOUND = "not-found";
    /** Authentication failed: bytes changed, chunks reordered, truncated or spliced from another recording. */
    public static final String CORRUPT = "corrupt";
    /** The recording's key was destroyed; its data can never be read again. */
    public static final String SHREDDED = "shredded";
    /** The id was already used for a recording. */
    public static final String EXISTS = "exists";
    /** The room already records into another recording. */
    public static final String CONFLICT = "conflict";
    /** Recording ids become file names: letters, digits, '-' and '_' only, 1 to 64 of them. */
    public static final String INVALID_ID = "invalid-id";
    /** The data directory could not be read or written, or the master key does not open this recording. */
    public static final String IO = "io";
    /** This relay has no recorder configured. */
    public static final String UNAVAILABLE = "recording-unavailable";

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
