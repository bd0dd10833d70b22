package dev.hearth.relay;

/**
 * The signaling server's only view of the media relay. Room and participant ids are opaque strings chosen by
 * signaling; the relay never interprets them and never logs them. A participant id that is an RFC 8830 msid-id (1-64
 * SDP token characters) is the stream id of that participant's tracks in everyone else's subscribe offer, so a client
 * can tell whose track arrived; any other id gets a random stream id. Every method is safe to call from any thread
 * and returns only when its effect is in place on the packet path.
 */
public interface RelayControl {

    /**
     * Answers a participant's offer on its publish transport: creates the transport on first use, and a producer per
     * sending audio or video section. A later offer is a renegotiation: new sections add producers, removed or
     * stopped ones close theirs, and a changed SSRC on a kept section restarts that producer without breaking the
     * streams its subscribers receive.
     *
     * @return the answer SDP
     * @throws RelayException {@code bad-sdp} when the offer cannot be used
     */
    String publish(String roomId, String participantId, String offerSdp);

    /**
     * The relay's offer on the participant's subscribe transport, with one consumer for every producer of every other
     * participant in the room.
     *
     * @throws RelayException {@code nothing-to-subscribe} when nobody else publishes anything yet
     */
    String subscribeOffer(String roomId, String participantId, boolean iceRestart);

    /**
     * Applies the client's answer to the last {@link #subscribeOffer}; consumers it accepted start (and ask their
     * producers for a key frame).
     *
     * @throws RelayException {@code bad-sdp}, {@code no-offer}, {@code unknown-room} or {@code unknown-participant}
     */
    void subscribeAnswer(String roomId, String participantId, String answerSdp);

    /** A muted participant's audio is dropped at ingress, before any forwarding, from the moment this returns. */
    void setAudioMuted(String roomId, String participantId, boolean muted);

    /**
     * Holds or releases all of a participant's media: while held, nothing it publishes (audio or video) is forwarded
     * or recorded, and nothing is forwarded to it, from the moment this returns. Independent of the audio mute: a
     * release leaves a muted participant muted.
     *
     * @throws RelayException {@code unknown-room} or {@code unknown-participant} when it has no media here yet
     */
    void setHeld(String roomId, String participantId, boolean held);

    /**
     * Closes both transports of the participant and all its producers and consumers. No packet from or to it is
     * forwarded after this returns. Unknown ids are ignored, so a repeated close is harmless.
     */
    void closeParticipant(String roomId, String participantId);

    /** Closes every participant of the room; unknown rooms are ignored. */
    void closeRoom(String roomId);

    /**
     * Starts writing every producer of the room (RTP after SRTP decryption, with arrival times) into the
     * encrypted recording {@code recordingId}, creating it on first use. Muted audio, dropped at ingress, is never
     * written.
     */
    void startRecording(String roomId, String recordingId);

    /** Stops writing: no packet that reaches the relay after this returns is written to the recording. */
    void pauseRecording(String roomId, String recordingId);

    /** Writes again after a pause; the exporter leaves the paused interval out. */
    void resumeRecording(String roomId, String recordingId);

    /** Stops writing and finalises the recording (its last chunk is marked final). */
    void stopRecording(String roomId, String recordingId);

    /** Where relay-initiated events go; replaces the previous listener. Callbacks never run on the packet loop. */
    void setListener(RelayListener listener);
}
