package dev.hearth.relay.sfu;

/** What a {@link Router} tells the outside about, from the packet loop; implementations must not block it. */
interface RouterEvents {

    void renegotiationNeeded(String roomId, String participantId);

    void transportClosed(String roomId, String participantId, String reason);
}
