package dev.hearth.signaling.account;

import java.time.Duration;

/** Too many failed attempts; {@link #retryAfter()} says when trying again can succeed. */
public final class RateLimitedException extends AccountException {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super(RATE_LIMITED, "Too many failed attempts. Please wait " + wording(retryAfter) + " and try again.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    private static String wording(Duration wait) {
        long seconds = Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
        if (seconds < 60) {
            return seconds == 1 ? "a second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}
