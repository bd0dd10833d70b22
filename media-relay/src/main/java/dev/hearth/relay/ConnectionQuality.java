package dev.hearth.relay;

import java.util.Objects;
import java.util.Set;

/**
 * How the relay's path to one subscriber is doing: the send-side estimate, a coarse level for the page to show,
 * and whose video the relay paused for this subscriber because the estimate cannot carry it (not the videos the
 * subscriber chose not to show).
 */
public record ConnectionQuality(long estimateKbps, Level level, Set<String> pausedVideo) {

    public enum Level {
        /** Every shown video at the layer its tile wants, little loss. */
        GOOD,
        /** Some video below what its tile wants, or noticeable loss. */
        FAIR,
        /** Some video paused, or heavy loss, or an estimate too low for any video. */
        POOR
    }

    public ConnectionQuality {
        Objects.requireNonNull(level, "level");
        pausedVideo = Set.copyOf(pausedVideo);
    }
}
