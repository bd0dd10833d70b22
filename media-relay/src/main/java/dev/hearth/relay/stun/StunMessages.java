package dev.hearth.relay.stun;

import dev.hearth.relay.wire.Wire;

/**
 * Constants of the STUN header (RFC 8489 section 5) and the cheap demultiplexing check used on the shared UDP port.
 */
public final class StunMessages {
    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_LENGTH = 12;

    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_INDICATION = 0x0011;
    public static final int BINDING_SUCCESS_RESPONSE = 0x0101;
    public static final int BINDING_ERROR_RESPONSE = 0x0111;

    public static final int METHOD_BINDING = 0x001;

    private StunMessages() {
    }

    /**
     * First-byte demux per RFC 7983 (0..3) plus the magic cookie, so that a stray DTLS or RTP datagram is never taken
     * for STUN. Does not validate the rest of the message.
     */
    public static boolean isStun(byte[] a, int off, int len) {
        return Wire.inBounds(a, off, len)
                && len >= HEADER_LENGTH
                && (a[off] & 0xFF) <= 3
                && Wire.s32(a, off + 4) == MAGIC_COOKIE;
    }

    /** The method bits of a message type (the class bits C0 and C1 removed). */
    public static int method(int messageType) {
        return (messageType & 0x000F) | ((messageType & 0x00E0) >>> 1) | ((messageType & 0x3E00) >>> 2);
    }

    /** The class of a message type: 0 request, 1 indication, 2 success response, 3 error response. */
    public static int messageClass(int messageType) {
        return ((messageType & 0x0010) >>> 4) | ((messageType & 0x0100) >>> 7);
    }
}
