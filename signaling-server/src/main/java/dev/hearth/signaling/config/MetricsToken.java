package dev.hearth.signaling.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token a Prometheus scraper may present at {@code /metrics} instead of an admin session
 * ({@code HEARTH_METRICS_TOKEN}). Only its SHA-256 is kept, and a presented token is compared digest to digest in
 * constant time, so neither the comparison's timing nor a heap dump's plain text gives it away; it never appears
 * in {@link #toString()} (settings are logged at start-up).
 */
public final class MetricsToken {

    public static final String NAME = "HEARTH_METRICS_TOKEN";
    /** As long as the TURN secret: guessing it is no easier than guessing an HMAC key. */
    public static final int MIN_LENGTH = 32;

    private final byte[] digest;

    private MetricsToken(String token) {
        this.digest = sha256(token);
    }

    /** {@link ConfigException} when the token is shorter than {@link #MIN_LENGTH} or holds a space or control. */
    public static MetricsToken of(String token) {
        if (token.length() < MIN_LENGTH) {
            throw new ConfigException(NAME, "must be at least " + MIN_LENGTH + " characters long (openssl rand -hex 32)");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            // What a header value can carry unquoted: a scraper could not send anything else.
            if (c <= ' ' || c >= 0x7F) {
                throw new ConfigException(NAME, "must be printable ASCII without spaces (openssl rand -hex 32)");
            }
        }
        return new MetricsToken(token);
    }

    /** Whether {@code presented} is the token; constant time in its content. Null is never the token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "MetricsToken[set]";
    }
}
