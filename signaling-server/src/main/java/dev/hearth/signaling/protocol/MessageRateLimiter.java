package dev.hearth.signaling.protocol;

/**
 * Token bucket per connection. A person clicking fast stays well inside it; a script flooding the
 * socket is answered with {@code rate-limited} and, if it keeps going, disconnected.
 * Not thread-safe: one connection's messages arrive one at a time.
 */
final class MessageRateLimiter {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastRefill;
    private int consecutiveRejections;

    MessageRateLimiter(double messagesPerSecond, int burst, long nowNanos) {
        this.ratePerNano = messagesPerSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = nowNanos;
    }

    /** True if the message may be processed. */
    boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastRefill);
        tokens = Math.min(burst, tokens + elapsed * ratePerNano);
        lastRefill = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            consecutiveRejections = 0;
            return true;
        }
        consecutiveRejections++;
        return false;
    }

    /** A client that ignores {@code rate-limited} replies this many times in a row is cut off. */
    boolean isAbusive() {
        return consecutiveRejections > 50;
    }
}
