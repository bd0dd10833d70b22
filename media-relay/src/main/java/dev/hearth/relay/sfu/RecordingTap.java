package dev.hearth.relay.sfu;

import dev.hearth.relay.recording.RecordingSession;
import dev.hearth.relay.recording.TrackDescriptor;
import dev.hearth.relay.recording.vp8.Vp8PayloadDescriptor;
import dev.hearth.relay.rtp.RtpPacket;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The recording of one room, seen from the packet loop: admitted publisher RTP (decrypted, muted audio already
 * dropped, retransmissions restored) goes to the session while {@link #isWriting()}. The flag only changes on the
 * loop, so once a pause has run there, no later packet can reach the session.
 */
final class RecordingTap {
    private final String recordingId;
    private final RecordingSession session;
    /**
     * How long a camera may go without a key frame in the recording before it is asked again. Browsers send key
     * frames only when asked, and an export starts each video at a key frame: one lost answer to the request at
     * start or resume would otherwise leave that person's video out of the whole recording.
     */
    static final long KEYFRAME_RETRY_NANOS = 1_000_000_000L;

    private final Map<Producer, Integer> tracks = new IdentityHashMap<>();
    /** Cameras whose key frame has reached the recording since writing last (re)started. */
    private final Set<Producer> keyframed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean writing;
    private long lastKeyframeRequest;

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
        // After a pause the export restarts every video at its next key frame, so each camera is owed one again.
        keyframed.clear();
    }

    /**
     * Called on the relay's timer: asks every camera that has not yet delivered a key frame to this recording
     * for one, at most once per {@link #KEYFRAME_RETRY_NANOS}.
     */
    void requestMissingKeyframes(Iterable<Participant> participants, Forwarder forwarder, long nowNanos) {
        if (!writing || nowNanos - lastKeyframeRequest < KEYFRAME_RETRY_NANOS) {
            return;
        }
        boolean asked = false;
        for (Participant participant : participants) {
            for (Producer producer : participant.producers()) {
                if (producer.isVideo() && !keyframed.contains(producer)) {
                    forwarder.requestKeyframe(producer);
                    asked = true;
                }
            }
        }
        if (asked) {
            lastKeyframeRequest = nowNanos;
        }
    }

    /** The request made when writing starts counts as the first one. */
    void keyframesRequested(long nowNanos) {
        lastKeyframeRequest = nowNanos;
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
        boolean written = session.writeRtp(track, packet.array(), packet.offset(), packet.length(), arrivalNanos);
        if (!producer.isVideo()) {
            return;
        }
        if (!written) {
            // A dropped video packet breaks decoding until the next key frame: the camera owes one again, and a
            // dropped key frame must not count as delivered, or that person's video would be missing from the export.
            keyframed.remove(producer);
        } else if (!keyframed.contains(producer) && startsKeyframe(packet)) {
            keyframed.add(producer);
        }
    }

    private static boolean startsKeyframe(RtpPacket packet) {
        byte[] a = packet.array();
        int offset = packet.payloadOffset();
        int length = packet.payloadLength();
        if (length < 1 || !Vp8PayloadDescriptor.startsFrame(a, offset)) {
            return false;
        }
        int descriptor = Vp8PayloadDescriptor.length(a, offset, length);
        return descriptor > 0 && Vp8PayloadDescriptor.isKeyframe(a, offset + descriptor, length - descriptor);
    }
}
