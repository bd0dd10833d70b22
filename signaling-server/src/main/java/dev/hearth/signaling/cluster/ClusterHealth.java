package dev.hearth.signaling.cluster;

import dev.hearth.signaling.error.ErrorCode;
import dev.hearth.signaling.error.HearthException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node can reach Redis right now. Fed by Lettuce's connection events, by every command that fails
 * for want of a connection and by a periodic probe; read before anything that needs the shared state (a join),
 * so that a new person is told plainly to try again while the people already in a session keep their media,
 * which never passes through Redis.
 */
public final class ClusterHealth {

    /** What a refused person reads. */
    public static final String UNAVAILABLE_MESSAGE = "Hearth cannot reach its database; try again in a minute.";

    private static final Logger log = LoggerFactory.getLogger(ClusterHealth.class);

    private record State(boolean available, Instant since) {
    }

    private final Clock clock;
    /** Unknown until the first connection: unavailable, so nothing is admitted on a hope. */
    private final AtomicReference<State> state;

    public ClusterHealth(Clock clock) {
        this.clock = clock;
        this.state = new AtomicReference<>(new State(false, clock.instant()));
    }

    public boolean available() {
        return state.get().available();
    }

    /** Since when Redis has been reachable, or unreachable. */
    public Instant since() {
        return state.get().since();
    }

    /** For a join: throws {@code unavailable} while Redis cannot be reached. */
    public void requireAvailable() {
        if (!available()) {
            throw new HearthException(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE);
        }
    }

    /** A command answered or a connection came up. */
    public void reachable() {
        change(true);
    }

    /** A connection went down or a command could not be sent or timed out. */
    public void unreachable() {
        change(false);
    }

    private void change(boolean available) {
        State before = state.get();
        if (before.available() == available) {
            return;
        }
        if (state.compareAndSet(before, new State(available, clock.instant()))) {
            if (available) {
                log.info("event=redis_reachable cluster state is shared again");
            } else {
                log.warn("event=redis_unreachable joins are refused until Redis answers again; live media goes on");
            }
        }
    }
}
