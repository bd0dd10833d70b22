package dev.hearth.signaling.recording;

import dev.hearth.relay.recording.RecordingInfo;
import dev.hearth.relay.recording.RecordingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a recording's retention runs out: {@code recordingDays} after it ended. A recording still being written
 * or paused never expires. The end is the stop time signaling saw; for a recording the archive reports as
 * complete or interrupted without one (a crash, or a lost catalog) it is the start plus the time recorded.
 * A catalog entry the archive does not know (nothing was ever written) counts from its start.
 */
public final class RecordingExpiry {

    private RecordingExpiry() {
    }

    public static Optional<Instant> of(Optional<CatalogEntry> entry, Optional<RecordingInfo> info, int recordingDays) {
        return end(entry, info).map(end -> end.plus(Duration.ofDays(recordingDays)));
    }

    public static Optional<Instant> end(Optional<CatalogEntry> entry, Optional<RecordingInfo> info) {
        Optional<Instant> stopped = entry.flatMap(CatalogEntry::endedAt);
        if (stopped.isPresent()) {
            return stopped;
        }
        if (info.isPresent()) {
            RecordingInfo recording = info.get();
            boolean finished = recording.status() == RecordingStatus.COMPLETE
                    || recording.status() == RecordingStatus.INTERRUPTED;
            return finished ? Optional.of(recording.startedAt().plus(recording.recorded())) : Optional.empty();
        }
        return entry.map(CatalogEntry::startedAt);
    }
}
