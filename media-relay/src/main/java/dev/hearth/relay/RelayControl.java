package dev.hearth.relay;

/**
 * The signaling server's only view of the media relay. Room and participant ids are opaque strings.
 */
public interface RelayControl {

    /** Answers a client's publish offer, creating or renegotiating its publish transport and producers. */
    String publish(String roomId, String participantId, String offerSdp);

    /** The relay's offer for the participant's subscribe transport: a consumer per remote producer. */
    String subscribeOffer(String roomId, String participantId, boolean iceRestart);

    void subscribeAnswer(String roomId, String participantId, String answerSdp);

    /** Takes effect before returning: a muted participant's audio is dropped at ingress. */
    void setAudioMuted(String roomId, String participantId, boolean muted);

    /** Closes both transports before returning: nothing of theirs is forwarded afterwards. */
    void closeParticipant(String roomId, String participantId);

    void closeRoom(String roomId);

    void setListener(RelayListener listener);
}
