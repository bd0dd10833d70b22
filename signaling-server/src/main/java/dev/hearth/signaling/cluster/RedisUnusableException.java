package dev.hearth.signaling.cluster;

/** Redis cannot be used at start-up: unreachable, a refused sign-in or TLS. The message never holds a password. */
public final class RedisUnusableException extends RuntimeException {

    public RedisUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
