package dev.hearth.signaling.room;

import static dev.hearth.signaling.room.RoomFixture.assertRefused;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Knocks per client address in any minute: the clock is moved by hand, nothing waits. */
class KnockLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final KnockLimiter limiter = new KnockLimiter(10, clock);

    @Test
    void tenKnocksAMinutePassAndTheEleventhIsRefused() {
        for (int i = 0; i < 10; i++) {
            limiter.knock("203.0.113.7");
            clock.advance(Duration.ofSeconds(1));
        }
        assertRefused("too-many-knocks", () -> limiter.knock("203.0.113.7"));
    }

    @Test
    void eachAddressHasItsOwnAllowance() {
        for (int i = 0; i < 10; i++) {
            limiter.knock("203.0.113.7");
        }
        limiter.knock("203.0.113.8");
        assertRefused("too-many-knocks", () -> limiter.knock("203.0.113.7"));
    }

    @Test
    void theWindowSlides() {
        for (int i = 0; i < 10; i++) {
            limiter.knock("203.0.113.7");
            clock.advance(Duration.ofSeconds(5));
        }
        // 50 s after the first knock: still ten within the minute.
        assertRefused("too-many-knocks", () -> limiter.knock("203.0.113.7"));
        clock.advance(Duration.ofSeconds(10));
        // The first knock is now over a minute old; one place is free, not ten.
        limiter.knock("203.0.113.7");
        assertRefused("too-many-knocks", () -> limiter.knock("203.0.113.7"));
    }

    @Test
    void refusedKnocksDoNotExtendTheWait() {
        for (int i = 0; i < 10; i++) {
            limiter.knock("203.0.113.7");
        }
        for (int i = 0; i < 30; i++) {
            assertRefused("too-many-knocks", () -> limiter.knock("203.0.113.7"));
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(31));
        limiter.knock("203.0.113.7");
    }

    @Test
    void theTableOfAddressesIsBounded() {
        for (int i = 0; i < KnockLimiter.MAX_TRACKED_ADDRESSES + 100; i++) {
            limiter.knock("addr-" + i);
        }
        org.junit.jupiter.api.Assertions.assertTrue(limiter.trackedAddresses() <= KnockLimiter.MAX_TRACKED_ADDRESSES);
    }

    @Test
    void theLimitMustBePositive() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new KnockLimiter(0, clock));
    }
}
