package dev.hearth.signaling.protocol;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayException;
import dev.hearth.relay.RelayListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A RelayControl that records what signaling told it, so protocol tests can assert that mute, removal and
 * the end of a session reach the relay. The relay itself is proven by the media-relay module's tests.
 */
final class RecordingRelay implements RelayControl {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public String publish(String roomId, String participantId, String offerSdp) {
        calls.add("publish " + participantId);
        throw new RelayException("bad-sdp", "media is not part of this signaling test");
    }

    @Override
    public String subscribeOffer(String roomId, String participantId, boolean iceRestart) {
        calls.add("subscribe " + participantId);
        throw new RelayException("nothing-to-subscribe", "nobody publishes in a signaling-only test");
    }

    @Override
    public void subscribeAnswer(String roomId, String participantId, String answerSdp) {
        calls.add("answer " + participantId);
    }

    @Override
    public void setAudioMuted(String roomId, String participantId, boolean muted) {
        calls.add((muted ? "mute " : "unmute ") + participantId);
    }

    @Override
    public void setHeld(String roomId, String participantId, boolean held) {
        calls.add((held ? "hold " : "release ") + participantId);
    }

    @Override
    public void closeParticipant(String roomId, String participantId) {
        calls.add("close " + participantId);
    }

    @Override
    public void closeRoom(String roomId) {
        calls.add("close-room " + roomId);
    }

    @Override
    public void startRecording(String roomId, String recordingId) {
        calls.add("record-start " + recordingId);
    }

    @Override
    public void pauseRecording(String roomId, String recordingId) {
        calls.add("record-pause " + recordingId);
    }

    @Override
    public void resumeRecording(String roomId, String recordingId) {
        calls.add("record-resume " + recordingId);
    }

    @Override
    public void stopRecording(String roomId, String recordingId) {
        calls.add("record-stop " + recordingId);
    }

    @Override
    public void setListener(RelayListener listener) {
    }
}
