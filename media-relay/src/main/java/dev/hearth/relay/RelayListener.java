package dev.hearth.relay;

/**
 * Events the relay raises for signaling. Callbacks come from a relay thread that is not the packet loop, one at a
 * time and in order, so a listener may call back into {@link RelayControl} directly.
 */
public interface RelayListener {

    /**
     * Producers of other participants appeared or went away: signaling should call
     * {@link RelayControl#subscribeOffer} for this participant and send the offer to the client.
     */
    void onRenegotiationNeeded(String roomId, String participantId);

    /**
     * One of the participant's transports closed without signaling asking for it (DTLS failure or close_notify, ICE
     * consent expired). {@code reason} is a short, log-safe text.
     */
    void onTransportClosed(String roomId, String participantId, String reason);

    /** A listener that ignores everything, the default before {@link RelayControl#setListener} is called. */
    RelayListener NONE = new RelayListener() {
        @Override
        public void onRenegotiationNeeded(String roomId, String participantId) {
        }

        @Override
        public void onTransportClosed(String roomId, String participantId, String reason) {
        }
    };
}
