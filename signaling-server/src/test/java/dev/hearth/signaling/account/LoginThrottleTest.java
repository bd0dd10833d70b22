package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String ATTACKER = "203.0.113.66";
    private static final String ADMIN_DESK = "10.0.0.1";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    /** Fails as often as the throttle lets through, waiting out each delay it asks for. */
    private void failWaitingOutDelays(int times, String username, String address) {
        for (int i = 0; i < times; i++) {
            try {
                throttle.begin(username, address).failed();
            } catch (RateLimitedException limited) {
                clock.advance(limited.retryAfter());
                throttle.begin(username, address).failed();
            }
        }
    }

    private Duration refusal(String username, String address) {
        return assertThrows(RateLimitedException.class, () -> throttle.begin(username, address)).retryAfter();
    }

    @Test
    void guessesFromOneAddressNeverRefuseTheAccountFromAnother() {
        failWaitingOutDelays(12, "admin", ATTACKER);
        refusal("admin", ATTACKER);
        assertDoesNotThrow(() -> throttle.begin("admin", ADMIN_DESK).succeeded());
    }

    @Test
    void delaysStartAfterThreeFailuresAndDoubleWithEachFurtherOne() {
        failWaitingOutDelays(3, "admin", ATTACKER);
        assertEquals(Duration.ofSeconds(1), refusal("admin", ATTACKER));
        clock.advance(Duration.ofSeconds(1));
        throttle.begin("admin", ATTACKER).failed();
        assertEquals(Duration.ofSeconds(2), refusal("admin", ATTACKER));
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Duration.ofMillis(500), refusal("admin", ATTACKER));
        clock.advance(Duration.ofMillis(500));
        throttle.begin("admin", ATTACKER).failed();
        assertEquals(Duration.ofSeconds(4), refusal("admin", ATTACKER));
    }

    @Test
    void delaysStopGrowingAtFifteenMinutes() {
        // 1 s doubled 10 times is 1024 s, past the cap of 900 s.
        failWaitingOutDelays(3 + 10, "admin", ATTACKER);
        assertEquals(Duration.ofMinutes(15), refusal("admin", ATTACKER));
        failWaitingOutDelays(5, "admin", ATTACKER);
        assertEquals(Duration.ofMinutes(15), refusal("admin", ATTACKER));
    }

    @Test
    void aQuietHourForgetsThePairsFailures() {
        failWaitingOutDelays(6, "admin", ATTACKER);
        clock.advance(Duration.ofMinutes(59));
        throttle.begin("admin", ATTACKER).failed();
        // Still remembered after 59 minutes: the seventh failure doubles the sixth's delay of 8 s.
        assertEquals(Duration.ofSeconds(16), refusal("admin", ATTACKER));
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertDoesNotThrow(() -> throttle.begin("admin", ATTACKER).failed());
        }
        assertEquals(Duration.ofSeconds(1), refusal("admin", ATTACKER));
    }

    @Test
    void quietRecordsAreDroppedFromMemory() {
        for (int i = 0; i < 10; i++) {
            failWaitingOutDelays(4, "admin", "203.0.113." + i);
        }
        assertEquals(10, throttle.trackedPairs());
        assertEquals(10, throttle.trackedAddresses());
        clock.advance(Duration.ofHours(1));
        throttle.begin("kim", ADMIN_DESK).succeeded();
        assertEquals(0, throttle.trackedPairs());
        assertEquals(0, throttle.trackedAddresses());
    }

    @Test
    void memoryStaysBoundedByEvictingTheLeastRecentlyUsed() {
        LoginThrottle small = new LoginThrottle(clock, LoginThrottle.Limits.DEFAULT.withMaxTracked(100));
        for (int i = 0; i < 250; i++) {
            String address = "198.51." + (i / 200) + "." + (i % 200);
            for (int j = 0; j < 3; j++) {
                small.begin("user" + i, address).failed();
            }
            assertTrue(small.trackedPairs() <= 100 && small.trackedAddresses() <= 100);
        }
        assertEquals(100, small.trackedPairs());
        // The newest pairs are the ones kept, and they are still delayed.
        assertThrows(RateLimitedException.class, () -> small.begin("user249", "198.51.1.49"));
        assertDoesNotThrow(() -> small.begin("user0", "198.51.0.0"));
    }

    @Test
    void successClearsThePairButNotTheAddress() {
        failWaitingOutDelays(3, "sam", "10.0.0.1");
        clock.advance(Duration.ofSeconds(1));
        throttle.begin("sam", "10.0.0.1").succeeded();
        failWaitingOutDelays(3, "sam", "10.0.0.1");
        clock.advance(Duration.ofSeconds(1));
        throttle.begin("sam", "10.0.0.1").succeeded();
        // 6 address failures so far; 14 more reach the address limit of 20.
        for (int i = 0; i < 14; i++) {
            throttle.begin("other" + i, "10.0.0.1").failed();
        }
        assertThrows(RateLimitedException.class, () -> throttle.begin("sam", "10.0.0.1"));
    }

    @Test
    void attemptsUnderWayCountSoAParallelBurstCannotSlipPast() {
        List<LoginThrottle.Attempt> burst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            burst.add(throttle.begin("sam", ATTACKER));
        }
        assertEquals(Duration.ofSeconds(1), refusal("sam", ATTACKER));
        assertDoesNotThrow(() -> throttle.begin("sam", ADMIN_DESK));
        burst.get(0).succeeded();
        assertDoesNotThrow(() -> throttle.begin("sam", ATTACKER));
    }

    @Test
    void endingAnAttemptTwiceCountsOnce() {
        LoginThrottle.Attempt attempt = throttle.begin("sam", "10.0.0.1");
        attempt.failed();
        attempt.failed();
        throttle.begin("sam", "10.0.0.1").failed();
        assertDoesNotThrow(() -> throttle.begin("sam", "10.0.0.1"));
    }

    @Test
    void oneAddressSprayingManyUsernamesIsBlockedForAWindow() {
        for (int i = 0; i < 20; i++) {
            throttle.begin("user" + i, "10.0.0.9").failed();
            clock.advance(Duration.ofSeconds(10));
        }
        // The first failure was 200 s ago; it leaves the 15-minute window in 11 min 40 s.
        assertEquals(Duration.ofMinutes(15).minusSeconds(200), refusal("someone-new", "10.0.0.9"));
        assertDoesNotThrow(() -> throttle.begin("someone-new", "10.0.0.10"));
        clock.advance(Duration.ofMinutes(15).minusSeconds(200));
        assertDoesNotThrow(() -> throttle.begin("someone-new", "10.0.0.9"));
    }

    @Test
    void otherUsernamesFromTheSameAddressAreNotDelayed() {
        failWaitingOutDelays(5, "sam", "10.0.0.1");
        assertDoesNotThrow(() -> throttle.begin("kim", "10.0.0.1"));
    }

    @Test
    void missingUsernameIsLimitedByAddressOnly() {
        for (int i = 0; i < 20; i++) {
            throttle.begin(null, "10.0.0.5").failed();
        }
        assertThrows(RateLimitedException.class, () -> throttle.begin(null, "10.0.0.5"));
    }

    @Test
    void messageSaysHowLongToWait() {
        failWaitingOutDelays(3, "sam", "10.0.0.1");
        assertEquals("Too many failed attempts. Please wait a second and try again.",
                assertThrows(RateLimitedException.class, () -> throttle.begin("sam", "10.0.0.1")).getMessage());
        failWaitingOutDelays(3, "sam", "10.0.0.1");
        assertEquals("Too many failed attempts. Please wait 8 seconds and try again.",
                assertThrows(RateLimitedException.class, () -> throttle.begin("sam", "10.0.0.1")).getMessage());
        failWaitingOutDelays(7, "sam", "10.0.0.1");
        assertEquals("Too many failed attempts. Please wait 15 minutes and try again.",
                assertThrows(RateLimitedException.class, () -> throttle.begin("sam", "10.0.0.1")).getMessage());
    }
}
