package dev.hearth.signaling.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed attempts per username and per client address in a sliding window. A username is
 * limited more tightly than an address, because one clinic's staff may share an address.
 * The maps are bounded so that an attacker spraying names cannot grow them without limit.
 */
public final class LoginThrottle {

    public static final int DEFAULT_MAX_PER_USERNAME = 5;
    public static final int DEFAULT_MAX_PER_ADDRESS = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED_KEYS = 10_000;

    private final Clock clock;
    private final int maxPerUsername;
    private final int maxPerAddress;
    private final Duration window;
    private final Map<String, Deque<Instant>> byUsername = boundedMap();
    private final Map<String, Deque<Instant>> byAddress = boundedMap();

    public LoginThrottle(Clock clock, int maxPerUsername, int maxPerAddress, Duration window) {
        if (maxPerUsername < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limits and window must be positive");
        }
        this.clock = clock;
        this.maxPerUsername = maxPerUsername;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    public LoginThrottle(Clock clock) {
        this(clock, DEFAULT_MAX_PER_USERNAME, DEFAULT_MAX_PER_ADDRESS, DEFAULT_WINDOW);
    }

    /** Throws {@link RateLimitedException} if either the username or the address has used up its attempts. */
    public synchronized void check(String username, String address) {
        Instant now = clock.instant();
        Duration wait = longest(waitFor(byUsername, username, maxPerUsername, now),
                waitFor(byAddress, address, maxPerAddress, now));
        if (!wait.isZero()) {
            throw new RateLimitedException(wait);
        }
    }

    public synchronized void recordFailure(String username, String address) {
        Instant now = clock.instant();
        record(byUsername, username, now);
        record(byAddress, address, now);
    }

    /**
     * A correct password clears the username's count. The address count stays: otherwise one valid
     * account would let its holder keep guessing other people's passwords.
     */
    public synchronized void recordSuccess(String username) {
        if (username != null) {
            byUsername.remove(username);
        }
    }

    private Duration waitFor(Map<String, Deque<Instant>> counts, String key, int max, Instant now) {
        if (key == null) {
            return Duration.ZERO;
        }
        Deque<Instant> failures = counts.get(key);
        if (failures == null) {
            return Duration.ZERO;
        }
        prune(failures, now);
        if (failures.isEmpty()) {
            counts.remove(key);
            return Duration.ZERO;
        }
        if (failures.size() < max) {
            return Duration.ZERO;
        }
        // Blocked until the oldest failure that keeps the count at the limit leaves the window.
        Instant oldestCounted = failures.stream().skip(failures.size() - max).findFirst().orElseThrow();
        Duration wait = Duration.between(now, oldestCounted.plus(window));
        return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    }

    private void record(Map<String, Deque<Instant>> counts, String key, Instant now) {
        if (key == null) {
            return;
        }
        Deque<Instant> failures = counts.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(failures, now);
        failures.addLast(now);
        // Beyond the larger limit, older failures no longer change any decision.
        while (failures.size() > Math.max(maxPerUsername, maxPerAddress)) {
            failures.removeFirst();
        }
    }

    private void prune(Deque<Instant> failures, Instant now) {
        Instant horizon = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
            failures.removeFirst();
        }
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Map<String, Deque<Instant>> boundedMap() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > MAX_TRACKED_KEYS;
            }
        };
    }
}
