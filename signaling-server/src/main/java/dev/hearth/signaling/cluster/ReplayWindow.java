package dev.hearth.signaling.cluster;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the nonces of the messages accepted within the freshness window: a message older than the window is
 * refused as too old anyway, so a nonce needs to be remembered only that long. Bounded: when full it refuses
 * (fails closed) rather than forget nonces that could still be replayed. Used by one reading thread.
 */
final class ReplayWindow {

    enum Verdict { FRESH, TOO_OLD, REPLAYED, FULL }

    private final long windowMillis;
    private final int capacity;
    /** nonce to the message's own timestamp, in order of arrival. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    ReplayWindow(Duration window, int capacity) {
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
    }

    /** Records {@code nonce} when the message is fresh and new. Future timestamps count like old ones. */
    Verdict admit(String nonce, long timestampMillis, long nowMillis) {
        if (Math.abs(nowMillis - timestampMillis) > windowMillis) {
            return Verdict.TOO_OLD;
        }
        forgetBefore(nowMillis - windowMillis);
        if (seen.containsKey(nonce)) {
            return Verdict.REPLAYED;
        }
        if (seen.size() >= capacity) {
            return Verdict.FULL;
        }
        seen.put(nonce, timestampMillis);
        return Verdict.FRESH;
    }

    private void forgetBefore(long cutoffMillis) {
        // Arrival order is nearly timestamp order; an entry stuck behind a newer one is only kept a little longer.
        Iterator<Map.Entry<String, Long>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext() && oldest.next().getValue() < cutoffMillis) {
            oldest.remove();
        }
    }
}
