package dev.hearth.signaling.pages;

import dev.hearth.relay.RelayControl;
import dev.hearth.relay.RelayException;
import dev.hearth.relay.RelayListener;

/** Page tests serve files only; no media is negotiated, so every media call is refused. */
final class NoMediaRelay implements RelayControl {

    @Override
    public String publish(String roomId, String participantId, String offerSdp) {
        throw new RelayException("no-media", "page tests carry no media");
    }

    @Override
    public String subscribeOffer(String roomId, String participantId, boolean iceRestart) {
        throw new RelayException("no-media", "page tests carry no media");
    }

    @Override
    public void subscribeAnswer(String roomId, String participantId, String answerSdp) {
        throw new RelayException("no-media", "page tests carry no media");
    }

    @Override
    public void setAudioMuted(String roomId, String participantId, boolean muted) {
    }

    @Override
    public void closeParticipant(String roomId, String participantId) {
    }

    @Override
    public void closeRoom(String roomId) {
    }

    @Override
    public void setListener(RelayListener listener) {
    }
}
