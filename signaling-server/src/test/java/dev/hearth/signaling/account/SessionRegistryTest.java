package dev.hearth.signaling.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private final MutableClock clock = new MutableClock();
    private final SessionRegistry sessions = new SessionRegistry(clock, Duration.ofMinutes(15));
    private final Account sam = new Account("a-1", "sam", Role.FACILITATOR, "h", Instant.EPOCH);

    @Test
    void openedSessionIsFoundByItsId() {
        Session session = sessions.open(sam);
        assertEquals(session, sessions.use(session.id()).orElseThrow());
        assertEquals("a-1", session.accountId());
    }

    @Test
    void idsAndCsrfTokensAre256RandomBits() {
        Session a = sessions.open(sam);
        Session b = sessions.open(sam);
        assertTrue(a.id().matches("[A-Za-z0-9_-]{43}"));
        assertTrue(a.csrfToken().matches("[A-Za-z0-9_-]{43}"));
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.id(), a.csrfToken());
    }

    @Test
    void idleSessionEnds() {
        Session session = sessions.open(sam);
        clock.advance(Duration.ofMinutes(15));
        assertTrue(sessions.use(session.id()).isEmpty());
    }

    @Test
    void useSlidesTheIdleDeadline() {
        Session session = sessions.open(sam);
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofMinutes(14));
            assertTrue(sessions.use(session.id()).isPresent(), "after " + (i + 1) * 14 + " minutes");
        }
        clock.advance(Duration.ofMinutes(15));
        assertTrue(sessions.use(session.id()).isEmpty());
    }

    @Test
    void busySessionStillEndsAfterTheMaximumLifetime() {
        Session session = sessions.open(sam);
        Duration step = Duration.ofMinutes(10);
        for (Duration elapsed = step; elapsed.compareTo(SessionRegistry.DEFAULT_MAX_LIFETIME) < 0; elapsed = elapsed.plus(step)) {
            clock.advance(step);
            assertTrue(sessions.use(session.id()).isPresent());
        }
        clock.advance(step);
        assertTrue(sessions.use(session.id()).isEmpty());
    }

    @Test
    void closeEndsTheSession() {
        Session session = sessions.open(sam);
        sessions.close(session.id());
        assertTrue(sessions.use(session.id()).isEmpty());
    }

    @Test
    void closeAllForEndsOnlyThatAccountsSessions() {
        Session first = sessions.open(sam);
        Session second = sessions.open(sam);
        Session other = sessions.open(new Account("a-2", "kim", Role.ADMIN, "h", Instant.EPOCH));
        sessions.closeAllFor("a-1");
        assertTrue(sessions.use(first.id()).isEmpty());
        assertTrue(sessions.use(second.id()).isEmpty());
        assertTrue(sessions.use(other.id()).isPresent());
    }

    @Test
    void unknownAndMissingIdsFindNothing() {
        assertTrue(sessions.use("nope").isEmpty());
        assertTrue(sessions.use(null).isEmpty());
    }

    @Test
    void expiredSessionsAreForgotten() {
        sessions.open(sam);
        sessions.open(sam);
        clock.advance(Duration.ofMinutes(20));
        assertEquals(0, sessions.liveCount());
    }

    @Test
    void tooManySessionsForOneAccountEndTheOldest() {
        Session oldest = sessions.open(sam);
        clock.advance(Duration.ofSeconds(1));
        Session second = sessions.open(sam);
        for (int i = 2; i < SessionRegistry.MAX_SESSIONS_PER_ACCOUNT; i++) {
            sessions.open(sam);
        }
        assertTrue(sessions.use(oldest.id()).isPresent());
        sessions.open(sam);
        assertTrue(sessions.use(oldest.id()).isEmpty());
        assertTrue(sessions.use(second.id()).isPresent());
        assertEquals(SessionRegistry.MAX_SESSIONS_PER_ACCOUNT, sessions.liveCount());
    }

    /** Counts how often a holder was told its session ended. */
    private static final class Told implements Runnable {
        int times;

        @Override
        public void run() {
            times++;
        }
    }

    @Test
    void aHeldSessionOutlivesTheIdleTimeout() {
        Session session = sessions.open(sam);
        sessions.hold(session.id(), new Told()).orElseThrow();
        clock.advance(Duration.ofHours(2));
        assertTrue(sessions.use(session.id()).isPresent());
        clock.advance(Duration.ofHours(2));
        assertEquals(1, sessions.liveCount());
    }

    @Test
    void releasingTheLastHoldStartsTheIdleClockAfresh() {
        Session session = sessions.open(sam);
        SessionRegistry.Hold first = sessions.hold(session.id(), new Told()).orElseThrow();
        SessionRegistry.Hold second = sessions.hold(session.id(), new Told()).orElseThrow();
        clock.advance(Duration.ofHours(1));
        first.release();
        clock.advance(Duration.ofHours(1));
        assertTrue(second.isLive());
        second.release();
        clock.advance(Duration.ofMinutes(14));
        assertEquals(1, sessions.liveCount());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(sessions.use(session.id()).isEmpty());
    }

    @Test
    void onlyALiveSessionCanBeHeld() {
        Session session = sessions.open(sam);
        assertTrue(sessions.hold("nope", new Told()).isEmpty());
        assertTrue(sessions.hold(null, new Told()).isEmpty());
        clock.advance(Duration.ofMinutes(15));
        assertTrue(sessions.hold(session.id(), new Told()).isEmpty());
    }

    @Test
    void closingASessionTellsEachHolderOnce() {
        Session session = sessions.open(sam);
        Told a = new Told();
        Told b = new Told();
        Told released = new Told();
        SessionRegistry.Hold holdA = sessions.hold(session.id(), a).orElseThrow();
        sessions.hold(session.id(), b).orElseThrow();
        sessions.hold(session.id(), released).orElseThrow().release();
        sessions.close(session.id());
        sessions.close(session.id());
        assertEquals(1, a.times);
        assertEquals(1, b.times);
        assertEquals(0, released.times);
        assertFalse(holdA.isLive());
    }

    @Test
    void closingAllOfAnAccountsSessionsTellsTheirHolders() {
        Told told = new Told();
        sessions.hold(sessions.open(sam).id(), told).orElseThrow();
        Told other = new Told();
        sessions.hold(sessions.open(new Account("a-2", "kim", Role.ADMIN, "h", Instant.EPOCH)).id(), other);
        sessions.closeAllFor("a-1");
        assertEquals(1, told.times);
        assertEquals(0, other.times);
    }

    @Test
    void aHeldSessionStillEndsAtTheMaximumLifetimeAndTheSweepTellsItsHolder() {
        Session session = sessions.open(sam);
        Told told = new Told();
        SessionRegistry.Hold hold = sessions.hold(session.id(), told).orElseThrow();
        clock.advance(SessionRegistry.DEFAULT_MAX_LIFETIME.minusSeconds(1));
        sessions.endExpired();
        assertEquals(0, told.times);
        assertTrue(hold.isLive());
        clock.advance(Duration.ofSeconds(1));
        assertFalse(hold.isLive());
        sessions.endExpired();
        assertEquals(1, told.times);
        assertTrue(sessions.use(session.id()).isEmpty());
    }

    @Test
    void aSessionEvictedForANewerOneTellsItsHolder() {
        Told told = new Told();
        sessions.hold(sessions.open(sam).id(), told).orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < SessionRegistry.MAX_SESSIONS_PER_ACCOUNT; i++) {
            sessions.open(sam);
        }
        assertEquals(1, told.times);
    }

    @Test
    void aHolderThatFailsDoesNotKeepTheOthersFromBeingTold() {
        Session session = sessions.open(sam);
        Told told = new Told();
        sessions.hold(session.id(), () -> {
            throw new IllegalStateException("socket already gone");
        }).orElseThrow();
        sessions.hold(session.id(), told).orElseThrow();
        sessions.close(session.id());
        assertEquals(1, told.times);
    }

    @Test
    void sessionTextHidesItsSecrets() {
        Session session = sessions.open(sam);
        assertFalse(session.toString().contains(session.id()));
        assertFalse(session.toString().contains(session.csrfToken()));
    }
}
