package dev.hearth.signaling.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstIsAllowedThenRefusedUntilTokensRefill() {
        MessageRateLimiter limiter = new MessageRateLimiter(20, 40, 0);
        for (int i = 0; i < 40; i++) {
            assertTrue(limiter.tryAcquire(0), "message " + i + " of the burst");
        }
        assertFalse(limiter.tryAcquire(0));
        assertTrue(limiter.tryAcquire(SECOND / 20 + 1), "one token back after 50 ms");
    }

    @Test
    void clientIgnoringRefusalsIsAbusive() {
        MessageRateLimiter limiter = new MessageRateLimiter(20, 40, 0);
        for (int i = 0; i < 40; i++) {
            limiter.tryAcquire(0);
        }
        for (int i = 0; i < 50; i++) {
            limiter.tryAcquire(0);
        }
        assertFalse(limiter.isAbusive());
        limiter.tryAcquire(0);
        assertTrue(limiter.isAbusive());
        limiter.tryAcquire(10 * SECOND);
        assertFalse(limiter.isAbusive(), "an accepted message resets the count");
    }
}
