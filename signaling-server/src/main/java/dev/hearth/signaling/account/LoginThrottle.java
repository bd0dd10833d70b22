package dev.hearth.signaling.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed attempts per username and per client address in a sliding window. A username is
 * limited more tightly than an address, because one clinic's staff may share an address.
 *
 * <p>Attempts still being checked count against the limit too ({@link #begin}), so a burst of parallel
 * requests cannot all slip in before the first failure is recorded. The maps are bounded so that an
 * attacker spraying names cannot grow them without limit.
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
    private final Map<String, Window> byUsername = boundedMap();
    private final Map<String, Window> byAddress = boundedMap();

    /** Recent failures of one key, plus the attempts under way. */
    private static final class Window {
        final Deque<Instant> failures = new ArrayDeque<>();
        int inFlight;
    }

    /** One attempt under way; exactly one of {@link #failed()} or {@link #succeeded()} ends it. */
    public final class Attempt {
        private final String username;
        private final String address;
        private boolean ended;

        private Attempt(String username, String address) {
            this.username = username;
            this.address = address;
        }

        public void failed() {
            end(this, false);
        }

        /**
         * A correct password clears the username's failures. The address keeps its count: otherwise one
         * valid account would let its holder keep guessing other people's passwords.
         */
        public void succeeded() {
            end(this, true);
        }
    }

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

    /**
     * Starts an attempt, or throws {@link RateLimitedException} if the username or the address has used
     * up its attempts. A null username (one that cannot exist) is limited by address only.
     */
    public synchronized Attempt begin(String username, String address) {
        Instant now = clock.instant();
        Duration wait = longest(waitFor(byUsername, username, maxPerUsername, now),
                waitFor(byAddress, address, maxPerAddress, now));
        if (!wait.isZero()) {
            throw new RateLimitedException(wait);
        }
        window(byUsername, username).ifPresent(w -> w.inFlight++);
        window(byAddress, address).ifPresent(w -> w.inFlight++);
        return new Attempt(username, address);
    }

    private synchronized void end(Attempt attempt, boolean success) {
        if (attempt.ended) {
            return;
        }
        attempt.ended = true;
        Instant now = clock.instant();
        finish(byUsername, attempt.username, success ? null : now, success);
        finish(byAddress, attempt.address, success ? null : now, false);
    }

    private void finish(Map<String, Window> windows, String key, Instant failedAt, boolean clear) {
        if (key == null) {
            return;
        }
        Window w = windows.get(key);
        if (w == null) {
            // Evicted while the attempt ran; only possible under a flood, and then forgetting is fine.
            return;
        }
        w.inFlight = Math.max(0, w.inFlight - 1);
        if (clear) {
            w.failures.clear();
        }
        if (failedAt != null) {
            prune(w, failedAt);
            w.failures.addLast(failedAt);
            // Beyond the larger limit, older failures no longer change any decision.
            while (w.failures.size() > Math.max(maxPerUsername, maxPerAddress)) {
                w.failures.removeFirst();
            }
        }
        if (w.failures.isEmpty() && w.inFlight == 0) {
            windows.remove(key);
        }
    }

    private Duration waitFor(Map<String, Window> windows, String key, int max, Instant now) {
        if (key == null) {
            return Duration.ZERO;
        }
        Window w = windows.get(key);
        if (w == null) {
            return Duration.ZERO;
        }
        prune(w, now);
        if (w.failures.size() + w.inFlight < max) {
            return Duration.ZERO;
        }
        if (w.failures.size() < max) {
            // Blocked only by attempts still running; their outcome is a moment away.
            return Duration.ofSeconds(1);
        }
        // Blocked until the oldest failure that keeps the count at the limit leaves the window.
        Instant oldestCounted = w.failures.stream().skip(w.failures.size() - max).findFirst().orElseThrow();
        Duration wait = Duration.between(now, oldestCounted.plus(window));
        return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    }

    private Optional<Window> window(Map<String, Window> windows, String key) {
        return key == null ? Optional.empty()
                : Optional.of(windows.computeIfAbsent(key, k -> new Window()));
    }

    private void prune(Window w, Instant now) {
        Instant horizon = now.minus(window);
        while (!w.failures.isEmpty() && !w.failures.peekFirst().isAfter(horizon)) {
            w.failures.removeFirst();
        }
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Map<String, Window> boundedMap() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > MAX_TRACKED_KEYS;
            }
        };
    }
}
