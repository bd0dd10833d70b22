package dev.hearth.signaling.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Slows password guessing down without handing anyone a way to lock someone else out (OWASP ASVS 2.2.1).
 *
 * <p>Failures are counted per (username, client address). After {@link Limits#freeFailures()} of them the
 * pair must wait before its next attempt, {@link Limits#firstDelay()} at first and twice as long after every
 * further failure, up to {@link Limits#maxDelay()}. Guesses from one address therefore never refuse the right
 * password from another. The price is that an attacker with many addresses gets a small budget at each of them;
 * locking the account instead would let any one address shut its owner out.
 *
 * <p>Separately, an address may fail at most {@link Limits#maxPerAddress()} times in
 * {@link Limits#addressWindow()}, whatever usernames it tries, so one address cannot spray a password across
 * many accounts. A success does not reset that count: one valid account must not license guessing at others.
 *
 * <p>Attempts still being checked count too ({@link #begin}), so a parallel burst cannot slip in before its
 * failures are recorded. A pair is forgotten after {@link Limits#forgetAfter()} without failures; both tables
 * hold at most {@link Limits#maxTracked()} keys and evict the least recently used, so spraying names or
 * addresses cannot grow memory without limit.
 */
public final class LoginThrottle {

    private static final Duration OUTCOME_PENDING = Duration.ofSeconds(1);

    /** The throttle's knobs; {@link #DEFAULT} is what sign-in uses. */
    public record Limits(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter,
                         int maxPerAddress, Duration addressWindow, int maxTracked) {

        public static final Limits DEFAULT = new Limits(3, Duration.ofSeconds(1), Duration.ofMinutes(15),
                Duration.ofHours(1), 20, Duration.ofMinutes(15), 10_000);

        public Limits {
            if (freeFailures < 1 || maxPerAddress < 1 || maxTracked < 1 || !positive(firstDelay)
                    || maxDelay.compareTo(firstDelay) < 0 || forgetAfter.compareTo(maxDelay) <= 0
                    || !positive(addressWindow)) {
                throw new IllegalArgumentException("limits must be positive, and a pair must be remembered"
                        + " longer than its longest delay");
            }
        }

        public Limits withMaxPerAddress(int max) {
            return new Limits(freeFailures, firstDelay, maxDelay, forgetAfter, max, addressWindow, maxTracked);
        }

        public Limits withMaxTracked(int max) {
            return new Limits(freeFailures, firstDelay, maxDelay, forgetAfter, maxPerAddress, addressWindow, max);
        }

        /** How long a pair waits after this many failures. */
        Duration delayAfter(int failures) {
            if (failures < freeFailures) {
                return Duration.ZERO;
            }
            Duration delay = firstDelay;
            for (int i = freeFailures; i < failures && delay.compareTo(maxDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }
    }

    private record Pair(String username, String address) {
    }

    /** Consecutive failures of one (username, address); a success clears them. */
    private static final class PairRecord {
        int failures;
        Instant lastFailure;
        int inFlight;
    }

    /** Recent failures of one address, plus its attempts under way. */
    private static final class AddressWindow {
        final Deque<Instant> failures = new ArrayDeque<>();
        int inFlight;
    }

    /** One attempt under way; exactly one of {@link #failed()} or {@link #succeeded()} ends it. */
    public final class Attempt {
        private final Pair pair;
        private final String address;
        private boolean ended;

        private Attempt(Pair pair, String address) {
            this.pair = pair;
            this.address = address;
        }

        public void failed() {
            end(this, false);
        }

        /** Clears this pair's failures; the address keeps its count. */
        public void succeeded() {
            end(this, true);
        }
    }

    private final Clock clock;
    private final Limits limits;
    private final Map<Pair, PairRecord> pairs;
    private final Map<String, AddressWindow> addresses;

    public LoginThrottle(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
        this.pairs = leastRecentlyUsedFirst(limits.maxTracked());
        this.addresses = leastRecentlyUsedFirst(limits.maxTracked());
    }

    public LoginThrottle(Clock clock) {
        this(clock, Limits.DEFAULT);
    }

    /**
     * Starts an attempt, or throws {@link RateLimitedException} saying how long this pair or this address must
     * wait. A null username (one that cannot exist) is limited by address only.
     */
    public synchronized Attempt begin(String username, String address) {
        Objects.requireNonNull(address, "address");
        Instant now = clock.instant();
        forgetQuiet(now);
        Pair pair = username == null ? null : new Pair(username, address);
        Duration wait = longest(pairWait(pair, now), addressWait(address, now));
        if (!wait.isZero()) {
            throw new RateLimitedException(wait);
        }
        if (pair != null) {
            pairs.computeIfAbsent(pair, k -> new PairRecord()).inFlight++;
        }
        addresses.computeIfAbsent(address, k -> new AddressWindow()).inFlight++;
        return new Attempt(pair, address);
    }

    synchronized int trackedPairs() {
        return pairs.size();
    }

    synchronized int trackedAddresses() {
        return addresses.size();
    }

    private synchronized void end(Attempt attempt, boolean success) {
        if (attempt.ended) {
            return;
        }
        attempt.ended = true;
        Instant now = clock.instant();
        // Either record may have been evicted while the attempt ran; only under a flood, and then forgetting is fine.
        PairRecord pair = attempt.pair == null ? null : pairs.get(attempt.pair);
        if (pair != null) {
            pair.inFlight = Math.max(0, pair.inFlight - 1);
            if (success) {
                pair.failures = 0;
                pair.lastFailure = null;
            } else {
                pair.failures++;
                pair.lastFailure = now;
            }
            if (pair.failures == 0 && pair.inFlight == 0) {
                pairs.remove(attempt.pair);
            }
        }
        AddressWindow window = addresses.get(attempt.address);
        if (window != null) {
            window.inFlight = Math.max(0, window.inFlight - 1);
            prune(window, now);
            if (!success) {
                window.failures.addLast(now);
                // Beyond the limit, older failures no longer change any decision.
                while (window.failures.size() > limits.maxPerAddress()) {
                    window.failures.removeFirst();
                }
            }
            if (window.failures.isEmpty() && window.inFlight == 0) {
                addresses.remove(attempt.address);
            }
        }
    }

    private Duration pairWait(Pair key, Instant now) {
        PairRecord pair = key == null ? null : pairs.get(key);
        if (pair == null) {
            return Duration.ZERO;
        }
        if (quiet(pair, now)) {
            pairs.remove(key);
            return Duration.ZERO;
        }
        if (pair.inFlight > 0 && pair.failures + pair.inFlight >= limits.freeFailures()) {
            // Past the free attempts a pair goes one at a time; the running one's outcome is a moment away.
            return OUTCOME_PENDING;
        }
        if (pair.lastFailure == null) {
            return Duration.ZERO;
        }
        return positivePart(Duration.between(now, pair.lastFailure.plus(limits.delayAfter(pair.failures))));
    }

    private Duration addressWait(String address, Instant now) {
        AddressWindow window = addresses.get(address);
        if (window == null) {
            return Duration.ZERO;
        }
        prune(window, now);
        int max = limits.maxPerAddress();
        if (window.failures.size() + window.inFlight < max) {
            return Duration.ZERO;
        }
        if (window.failures.size() < max) {
            return OUTCOME_PENDING;
        }
        // Blocked until the oldest failure that keeps the count at the limit leaves the window.
        Instant oldestCounted = window.failures.stream().skip(window.failures.size() - max).findFirst().orElseThrow();
        Duration wait = positivePart(Duration.between(now, oldestCounted.plus(limits.addressWindow())));
        return wait.isZero() ? OUTCOME_PENDING : wait;
    }

    /**
     * Drops records that no longer change any decision, oldest first, stopping at the first one still needed:
     * amortised constant work per attempt. Lookups apply the same rules, so what is left is only memory.
     */
    private void forgetQuiet(Instant now) {
        for (Iterator<PairRecord> it = pairs.values().iterator(); it.hasNext(); ) {
            if (!quiet(it.next(), now)) {
                break;
            }
            it.remove();
        }
        for (Iterator<AddressWindow> it = addresses.values().iterator(); it.hasNext(); ) {
            AddressWindow window = it.next();
            prune(window, now);
            if (window.inFlight > 0 || !window.failures.isEmpty()) {
                break;
            }
            it.remove();
        }
    }

    private boolean quiet(PairRecord pair, Instant now) {
        return pair.inFlight == 0 && pair.lastFailure != null
                && !now.isBefore(pair.lastFailure.plus(limits.forgetAfter()));
    }

    private void prune(AddressWindow window, Instant now) {
        Instant horizon = now.minus(limits.addressWindow());
        while (!window.failures.isEmpty() && !window.failures.peekFirst().isAfter(horizon)) {
            window.failures.removeFirst();
        }
    }

    private static Duration positivePart(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static <K, V> Map<K, V> leastRecentlyUsedFirst(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
