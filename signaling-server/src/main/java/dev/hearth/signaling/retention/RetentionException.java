package dev.hearth.signaling.retention;

/** A retention setting that is refused; the message lists every problem and what is allowed. */
public final class RetentionException extends RuntimeException {

    public RetentionException(String message) {
        super(message, null, false, false);
    }

    public String code() {
        return "invalid-retention";
    }
}
