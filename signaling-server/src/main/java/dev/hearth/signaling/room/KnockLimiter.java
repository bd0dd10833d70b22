package dev.hearth.signaling.room;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How often one client address may knock, in any room: at most {@code perMinute} knocks in any sliding minute.
 * One invite link shared with a crowd, or a script, would otherwise fill lobbies as fast as it can open sockets.
 * Refused knocks are not counted, so someone who waits a minute gets in whatever they tried meanwhile.
 *
 * <p>Thread-safe. Memory is bounded: past {@link #MAX_TRACKED_ADDRESSES} the least recently seen address is
 * forgotten. Addresses live only in memory, for at most a minute after their last knock mattered.
 */
public final class KnockLimiter {

    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Instant>> eldest) {
            return size() > MAX_TRACKED_ADDRESSES;
        }
    };

    public KnockLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.perMinute = perMinute;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Counts a knock from {@code clientAddress}.
     *
     * @throws HearthException {@code too-many-knocks} when this address already knocked {@code perMinute} times
     *         in the last minute
     */
    public synchronized void knock(String clientAddress) {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Instant now = clock.instant();
        Instant windowStart = now.minus(WINDOW);
        ArrayDeque<Instant> knocks = recent.computeIfAbsent(clientAddress, a -> new ArrayDeque<>());
        while (!knocks.isEmpty() && !knocks.peekFirst().isAfter(windowStart)) {
            knocks.pollFirst();
        }
        if (knocks.size() >= perMinute) {
            throw new HearthException(ErrorCode.TOO_MANY_KNOCKS,
                    "Too many attempts to join from your network in the last minute. Please wait a minute and try again.");
        }
        knocks.addLast(now);
    }

    synchronized int trackedAddresses() {
        return recent.size();
    }
}
