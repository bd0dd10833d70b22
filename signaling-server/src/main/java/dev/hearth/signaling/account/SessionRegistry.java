package dev.hearth.signaling.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in memory: a restart signs everyone out, which is acceptable for staff and keeps session
 * secrets off the disk. A session ends after {@code idleTimeout} without use (sliding), and in any
 * case {@code maxLifetime} after sign-in, so a forgotten but busy tab does not stay signed in forever.
 *
 * <p>A live connection that acts for a session, such as a facilitator's socket in a room, {@link #hold holds}
 * it: while held, a session does not go idle, because the person is there even when nobody clicks. When a held
 * session ends for any reason (sign-out, {@link #closeAllFor}, the maximum lifetime, a newer session taking its
 * place) every holder is told at once, so nothing keeps acting for a session that is gone. Holders are told
 * after this registry's lock is released, on the thread that ended the session; they must not end sessions
 * themselves from under a lock of their own that another holder might need.
 */
public final class SessionRegistry {

    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(12);
    /** More browsers than one person uses; the oldest session makes room, so memory stays bounded. */
    public static final int MAX_SESSIONS_PER_ACCOUNT = 10;

    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    private static final int TOKEN_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new HashMap<>();

    private static final class Entry {
        final Session session;
        final Set<Hold> holds = new HashSet<>();
        Instant lastUsed;

        Entry(Session session, Instant lastUsed) {
            this.session = session;
            this.lastUsed = lastUsed;
        }
    }

    /** One connection keeping a session signed in; {@link #release()} when the connection no longer acts for it. */
    public final class Hold {
        private final String sessionId;
        private final Runnable onEnded;

        private Hold(String sessionId, Runnable onEnded) {
            this.sessionId = sessionId;
            this.onEnded = onEnded;
        }

        /** Whether the session is still signed in; a held session can still reach its maximum lifetime. */
        public boolean isLive() {
            return SessionRegistry.this.isLive(this);
        }

        /** Lets the session go idle again, counting from now. Releasing twice, or after the end, does nothing. */
        public void release() {
            SessionRegistry.this.release(this);
        }
    }

    public SessionRegistry(Clock clock, Duration idleTimeout, Duration maxLifetime) {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxLifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("idle timeout must be positive and not above the maximum lifetime");
        }
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxLifetime = maxLifetime;
    }

    public SessionRegistry(Clock clock, Duration idleTimeout) {
        this(clock, idleTimeout, idleTimeout.compareTo(DEFAULT_MAX_LIFETIME) > 0 ? idleTimeout : DEFAULT_MAX_LIFETIME);
    }

    public Session open(Account account) {
        List<Runnable> ended = new ArrayList<>();
        Session session;
        synchronized (this) {
            Instant now = clock.instant();
            removeExpired(now, ended);
            makeRoomFor(account.id(), ended);
            session = new Session(token(), account.id(), token(), now);
            sessions.put(session.id(), new Entry(session, now));
        }
        tell(ended);
        return session;
    }

    /** The live session with this id, marking it used now; empty if unknown, idle too long or too old. */
    public Optional<Session> use(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        List<Runnable> ended = new ArrayList<>();
        Optional<Session> found;
        synchronized (this) {
            Entry entry = sessions.get(sessionId);
            Instant now = clock.instant();
            if (entry == null) {
                found = Optional.empty();
            } else if (expired(entry, now)) {
                remove(entry, ended);
                found = Optional.empty();
            } else {
                entry.lastUsed = now;
                found = Optional.of(entry.session);
            }
        }
        tell(ended);
        return found;
    }

    /**
     * Holds a live session for a connection; {@code onEnded} runs once if the session ends while held. Empty when
     * the session is unknown or no longer live. Never ends a session itself, so it is safe under a caller's lock.
     */
    public synchronized Optional<Hold> hold(String sessionId, Runnable onEnded) {
        Entry entry = sessionId == null ? null : sessions.get(sessionId);
        Instant now = clock.instant();
        if (entry == null || expired(entry, now)) {
            return Optional.empty();
        }
        Hold hold = new Hold(sessionId, onEnded);
        entry.holds.add(hold);
        entry.lastUsed = now;
        return Optional.of(hold);
    }

    public void close(String sessionId) {
        if (sessionId == null) {
            return;
        }
        List<Runnable> ended = new ArrayList<>();
        synchronized (this) {
            Entry entry = sessions.get(sessionId);
            if (entry != null) {
                remove(entry, ended);
            }
        }
        tell(ended);
    }

    /** Ends every session of the account; removing or disabling an account must call this. */
    public void closeAllFor(String accountId) {
        List<Runnable> ended = new ArrayList<>();
        synchronized (this) {
            List<Entry> own = sessions.values().stream()
                    .filter(entry -> entry.session.accountId().equals(accountId))
                    .toList();
            own.forEach(entry -> remove(entry, ended));
        }
        tell(ended);
    }

    /** Ends every session of the account but {@code keptSessionId}: after a password change, other browsers go. */
    public void closeOthersOf(String accountId, String keptSessionId) {
        List<Runnable> ended = new ArrayList<>();
        synchronized (this) {
            List<Entry> others = sessions.values().stream()
                    .filter(entry -> entry.session.accountId().equals(accountId)
                            && !entry.session.id().equals(keptSessionId))
                    .toList();
            others.forEach(entry -> remove(entry, ended));
        }
        tell(ended);
    }

    /**
     * Ends the sessions whose time is up. Expiry is otherwise noticed when a session is next used; this is what
     * tells the holder of a session that reached its maximum lifetime, so the edge calls it every second.
     */
    public void endExpired() {
        List<Runnable> ended = new ArrayList<>();
        synchronized (this) {
            removeExpired(clock.instant(), ended);
        }
        tell(ended);
    }

    public int liveCount() {
        List<Runnable> ended = new ArrayList<>();
        int count;
        synchronized (this) {
            removeExpired(clock.instant(), ended);
            count = sessions.size();
        }
        tell(ended);
        return count;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private synchronized boolean isLive(Hold hold) {
        Entry entry = sessions.get(hold.sessionId);
        return entry != null && entry.holds.contains(hold) && !expired(entry, clock.instant());
    }

    private synchronized void release(Hold hold) {
        Entry entry = sessions.get(hold.sessionId);
        if (entry != null && entry.holds.remove(hold) && entry.holds.isEmpty()) {
            entry.lastUsed = clock.instant();
        }
    }

    private boolean expired(Entry entry, Instant now) {
        boolean idle = entry.holds.isEmpty() && !now.isBefore(entry.lastUsed.plus(idleTimeout));
        return idle || !now.isBefore(entry.session.createdAt().plus(maxLifetime));
    }

    private void removeExpired(Instant now, List<Runnable> ended) {
        List<Entry> expired = sessions.values().stream().filter(entry -> expired(entry, now)).toList();
        expired.forEach(entry -> remove(entry, ended));
    }

    private void makeRoomFor(String accountId, List<Runnable> ended) {
        List<Entry> own = sessions.values().stream()
                .filter(entry -> entry.session.accountId().equals(accountId))
                .sorted(Comparator.comparing(entry -> entry.session.createdAt()))
                .toList();
        for (int i = 0; i <= own.size() - MAX_SESSIONS_PER_ACCOUNT; i++) {
            remove(own.get(i), ended);
        }
    }

    private void remove(Entry entry, List<Runnable> ended) {
        sessions.remove(entry.session.id());
        entry.holds.forEach(hold -> ended.add(hold.onEnded));
        entry.holds.clear();
    }

    /** Runs outside the lock: a holder may take its own locks, and one failing must not spare the others. */
    private static void tell(List<Runnable> ended) {
        for (Runnable holder : ended) {
            try {
                holder.run();
            } catch (RuntimeException e) {
                log.error("session.holder-error error={}", e.getClass().getSimpleName(), e);
            }
        }
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
