package dev.hearth.relay.transport;

/**
 * What the SFU sees of one WebRTC transport (one ICE/DTLS-SRTP session, BUNDLE of all its m-lines).
 * Every method is called on the relay's packet event loop, the same thread that delivers
 * {@link MediaTransportListener} callbacks, so the packet path needs no locks.
 */
public interface MediaTransport {

    /** Random id for logs and maps; says nothing about the participant. */
    String id();

    /** True once ICE selected a 5-tuple and DTLS produced SRTP keys. */
    boolean isConnected();

    /**
     * Encrypts a plain RTP packet in place and sends it. The array must have
     * {@link #SEND_HEADROOM} spare bytes after {@code length} for the SRTP tag. The transport does not
     * keep the array. Returns false (and drops) when not connected.
     */
    boolean sendRtp(byte[] array, int offset, int length);

    /** Same as {@link #sendRtp} for a plain (compound) RTCP packet. */
    boolean sendRtcp(byte[] array, int offset, int length);

    /** Closes ICE, DTLS and SRTP state at once; no packet is sent or delivered after this returns. */
    void close();

    /** Spare bytes a caller leaves after a packet for the SRTP/SRTCP auth tag and SRTCP index. */
    int SEND_HEADROOM = 16 + 4;
}
