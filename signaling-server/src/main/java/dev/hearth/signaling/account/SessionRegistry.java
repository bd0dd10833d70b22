package dev.hearth.signaling.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions in memory: a restart signs everyone out, which is acceptable for staff and keeps session
 * secrets off the disk. A session ends after {@code idleTimeout} without use (sliding), and in any
 * case {@code maxLifetime} after sign-in, so a forgotten but busy tab does not stay signed in forever.
 */
public final class SessionRegistry {

    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(12);
    /** More browsers than one person uses; the oldest session makes room, so memory stays bounded. */
    public static final int MAX_SESSIONS_PER_ACCOUNT = 10;

    private static final int TOKEN_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new HashMap<>();

    private static final class Entry {
        final Session session;
        Instant lastUsed;

        Entry(Session session, Instant lastUsed) {
            this.session = session;
            this.lastUsed = lastUsed;
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

    public synchronized Session open(Account account) {
        Instant now = clock.instant();
        removeExpired(now);
        makeRoomFor(account.id());
        Session session = new Session(token(), account.id(), token(), now);
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session with this id, marking it used now; empty if unknown, idle too long or too old. */
    public synchronized Optional<Session> use(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Entry entry = sessions.get(sessionId);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(entry, now)) {
            sessions.remove(sessionId);
            return Optional.empty();
        }
        entry.lastUsed = now;
        return Optional.of(entry.session);
    }

    public synchronized void close(String sessionId) {
        if (sessionId != null) {
            sessions.remove(sessionId);
        }
    }

    public synchronized void closeAllFor(String accountId) {
        sessions.values().removeIf(entry -> entry.session.accountId().equals(accountId));
    }

    public synchronized int liveCount() {
        removeExpired(clock.instant());
        return sessions.size();
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.lastUsed.plus(idleTimeout))
                || !now.isBefore(entry.session.createdAt().plus(maxLifetime));
    }

    private void removeExpired(Instant now) {
        for (Iterator<Entry> it = sessions.values().iterator(); it.hasNext(); ) {
            if (expired(it.next(), now)) {
                it.remove();
            }
        }
    }

    private void makeRoomFor(String accountId) {
        List<Entry> own = sessions.values().stream()
                .filter(entry -> entry.session.accountId().equals(accountId))
                .sorted(Comparator.comparing(entry -> entry.session.createdAt()))
                .toList();
        for (int i = 0; i <= own.size() - MAX_SESSIONS_PER_ACCOUNT; i++) {
            sessions.remove(own.get(i).session.id());
        }
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
