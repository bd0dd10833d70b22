package dev.hearth.signaling.recording;

import dev.hearth.relay.recording.RecordingInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One line of the recordings listing.
 *
 * @param recordedSeconds time actually recorded, paused intervals excluded
 * @param participants    first names of those who consented, as shown in the room
 * @param expiresAt       when the purge may shred it; null while it is still running
 * @param state           the archive's status (RECORDING, PAUSED, COMPLETE, INTERRUPTED), or UNAVAILABLE when
 *                        the archive has no data for it
 */
public record RecordingSummary(String recordingId, String roomId, String roomTitle, Instant startedAt,
                               Instant endedAt, long recordedSeconds, List<String> participants, Instant expiresAt,
                               boolean hold, String state) {

    public RecordingSummary {
        participants = List.copyOf(participants);
    }

    static RecordingSummary of(Optional<CatalogEntry> entry, Optional<RecordingInfo> info, int recordingDays,
                               Optional<String> roomTitle) {
        String id = entry.map(CatalogEntry::recordingId).or(() -> info.map(RecordingInfo::recordingId)).orElseThrow();
        return new RecordingSummary(id,
                entry.map(CatalogEntry::roomId).or(() -> info.map(RecordingInfo::roomId)).orElse(""),
                roomTitle.orElse(null),
                entry.map(CatalogEntry::startedAt).or(() -> info.map(RecordingInfo::startedAt)).orElseThrow(),
                RecordingExpiry.end(entry, info).orElse(null),
                info.map(i -> i.recorded().toSeconds()).orElse(0L),
                entry.map(e -> List.copyOf(e.participantNames().values())).orElse(List.of()),
                RecordingExpiry.of(entry, info, recordingDays).orElse(null),
                entry.map(CatalogEntry::hold).orElse(false),
                info.map(i -> i.status().name()).orElse("UNAVAILABLE"));
    }

    @Override
    public String toString() {
        return "RecordingSummary[recordingId=" + recordingId + ", state=" + state + ", hold=" + hold + "]";
    }
}
