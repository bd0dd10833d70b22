package dev.hearth.relay.recording;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pass over the records tells about a recording: its participants and the time actually recorded. A
 * recording cut short by a crash ends its last segment at its last record.
 */
final class RecordingSummary implements RecordVisitor {
    private final Set<String> participants = new LinkedHashSet<>();
    private final List<TrackDescriptor> tracks = new ArrayList<>();
    private long segmentStart = -1;
    private long closedMicros;
    private long lastMicros;

    @Override
    public void track(int index, TrackDescriptor track) {
        participants.add(track.participantId());
        while (tracks.size() <= index) {
            tracks.add(null);
        }
        tracks.set(index, track);
    }

    @Override
    public void rtp(int track, long arrivalMicros, byte[] array, int offset, int length) {
        lastMicros = Math.max(lastMicros, arrivalMicros);
    }

    @Override
    public void mark(RecordType type, long atMicros) {
        lastMicros = Math.max(lastMicros, atMicros);
        if (type == RecordType.RESUME) {
            if (segmentStart < 0) {
                segmentStart = atMicros;
            }
        } else if (segmentStart >= 0) {
            closedMicros += Math.max(0, atMicros - segmentStart);
            segmentStart = -1;
        }
    }

    long recordedMicros() {
        return closedMicros + (segmentStart >= 0 ? Math.max(0, lastMicros - segmentStart) : 0);
    }

    List<String> participants() {
        return List.copyOf(participants);
    }

    /** Tracks by index; an index never declared is null. */
    List<TrackDescriptor> tracks() {
        return tracks;
    }
}
