package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(int times, String username, String address) {
        for (int i = 0; i < times; i++) {
            throttle.begin(username, address).failed();
            clock.advance(Duration.ofSeconds(10));
        }
    }

    @Test
    void fiveFailuresForAUsernameBlockItWithRetryAfter() {
        fail(5, "sam", "10.0.0.1");
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> throttle.begin("sam", "10.0.0.2"));
        assertEquals(AccountException.RATE_LIMITED, e.code());
        // The first failure was 50 s ago; it leaves the 15-minute window in 14 min 10 s.
        assertEquals(Duration.ofMinutes(15).minusSeconds(50), e.retryAfter());
    }

    @Test
    void blockLiftsWhenFailuresLeaveTheWindow() {
        fail(5, "sam", "10.0.0.1");
        clock.advance(Duration.ofMinutes(15).minusSeconds(50));
        assertDoesNotThrow(() -> throttle.begin("sam", "10.0.0.1"));
    }

    @Test
    void successClearsTheUsernameButNotTheAddress() {
        fail(4, "sam", "10.0.0.1");
        throttle.begin("sam", "10.0.0.1").succeeded();
        fail(4, "sam", "10.0.0.1");
        throttle.begin("sam", "10.0.0.1").succeeded();
        // 8 address failures so far; 12 more reach the address limit of 20.
        for (int i = 0; i < 12; i++) {
            fail(1, "other" + i, "10.0.0.1");
        }
        assertThrows(RateLimitedException.class, () -> throttle.begin("sam", "10.0.0.1"));
    }

    @Test
    void attemptsUnderWayCountSoAParallelBurstCannotSlipPast() {
        List<LoginThrottle.Attempt> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(throttle.begin("sam", "10.0.0." + i));
        }
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> throttle.begin("sam", "10.0.0.9"));
        assertEquals(Duration.ofSeconds(1), e.retryAfter());
        burst.get(0).succeeded();
        assertDoesNotThrow(() -> throttle.begin("sam", "10.0.0.9"));
    }

    @Test
    void endingAnAttemptTwiceCountsOnce() {
        LoginThrottle.Attempt attempt = throttle.begin("sam", "10.0.0.1");
        attempt.failed();
        attempt.failed();
        fail(3, "sam", "10.0.0.1");
        assertDoesNotThrow(() -> throttle.begin("sam", "10.0.0.1"));
    }

    @Test
    void oneAddressTryingManyUsernamesIsBlocked() {
        for (int i = 0; i < LoginThrottle.DEFAULT_MAX_PER_ADDRESS; i++) {
            fail(1, "user" + i, "10.0.0.9");
        }
        assertThrows(RateLimitedException.class, () -> throttle.begin("someone-new", "10.0.0.9"));
        assertDoesNotThrow(() -> throttle.begin("someone-new", "10.0.0.10"));
    }

    @Test
    void otherUsernamesAreNotAffected() {
        fail(5, "sam", "10.0.0.1");
        assertDoesNotThrow(() -> throttle.begin("kim", "10.0.0.3"));
    }

    @Test
    void missingUsernameIsLimitedByAddressOnly() {
        for (int i = 0; i < LoginThrottle.DEFAULT_MAX_PER_ADDRESS; i++) {
            fail(1, null, "10.0.0.5");
        }
        assertThrows(RateLimitedException.class, () -> throttle.begin(null, "10.0.0.5"));
    }

    @Test
    void messageSaysHowLongToWait() {
        fail(5, "sam", "10.0.0.1");
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> throttle.begin("sam", "x"));
        assertEquals("Too many failed attempts. Please wait 15 minutes and try again.", e.getMessage());
    }
}
