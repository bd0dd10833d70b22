package dev.hearth.relay;

/** What the relay tells signaling. */
public interface RelayListener {

    /** Producers came or went: signaling asks for a new subscribe offer and sends it to the client. */
    void onRenegotiationNeeded(String roomId, String participantId);

    void onTransportClosed(String roomId, String participantId, String reason);
}
