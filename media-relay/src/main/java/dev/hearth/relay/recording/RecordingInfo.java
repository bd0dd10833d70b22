package dev.hearth.relay.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the archive knows about one recording: ids only, never names.
 *
 * @param recorded    time actually recorded (paused intervals excluded)
 * @param participants the participant ids whose media is in the recording
 */
public record RecordingInfo(String recordingId, String roomId, Instant startedAt, Duration recorded,
                            RecordingStatus status, List<String> participants, long sizeBytes) {

    public RecordingInfo {
        participants = List.copyOf(participants);
    }
}
