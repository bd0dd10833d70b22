package dev.hearth.relay.sfu;

import dev.hearth.relay.recording.RecordingSession;
import dev.hearth.relay.recording.TrackDescriptor;
import dev.hearth.relay.rtp.RtpPacket;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The recording of one room, seen from the packet loop: admitted publisher RTP (decrypted, muted audio already
 * dropped, retransmissions restored) goes to the session while {@link #isWriting()}. The flag only changes on the
 * loop, so once a pause has run there, no later packet can reach the session.
 */
final class RecordingTap {
    private final String recordingId;
    private final RecordingSession session;
    private final Map<Producer, Integer> tracks = new IdentityHashMap<>();
    private boolean writing;

    RecordingTap(String recordingId, RecordingSession session) {
        this.recordingId = recordingId;
        this.session = session;
    }

    String recordingId() {
        return recordingId;
    }

    RecordingSession session() {
        return session;
    }

    boolean isWriting() {
        return writing;
    }

    void setWriting(boolean writing) {
        this.writing = writing;
    }

    void onRtp(Producer producer, RtpPacket packet, long arrivalNanos) {
        if (!writing) {
            return;
        }
        Integer track = tracks.get(producer);
        if (track == null) {
            track = session.addTrack(new TrackDescriptor(producer.owner().id(), producer.mid(),
                    producer.isVideo() ? "video" : "audio", producer.codec().name(), producer.clockRate(),
                    Math.max(1, producer.codec().channels())));
            tracks.put(producer, track);
        }
        session.writeRtp(track, packet.array(), packet.offset(), packet.length(), arrivalNanos);
    }
}
