package dev.hearth.relay.transport;

/**
 * Callbacks from a {@link MediaTransport}, all on the relay's packet event loop. Arrays handed to
 * {@code onRtp}/{@code onRtcp} hold already-decrypted packets and are only valid during the call:
 * the transport reuses them afterwards, so a listener that keeps a packet copies it.
 */
public interface MediaTransportListener {

    /** ICE and DTLS completed; SRTP is ready in both directions. */
    void onConnected(MediaTransport transport);

    void onRtp(MediaTransport transport, byte[] array, int offset, int length, long arrivalNanos);

    void onRtcp(MediaTransport transport, byte[] array, int offset, int length);

    /** The transport is gone (closed locally, DTLS failure or close_notify, ICE consent expired). */
    void onClosed(MediaTransport transport, String reason);
}
