package dev.hearth.relay.transport;

/**
 * What arrived on the shared UDP port, decided on the first byte as RFC 7983 section 7 lays out, and for
 * RTP/RTCP on the second byte as RFC 5761 section 4 does.
 */
public enum PacketKind {
    STUN,
    DTLS,
    RTP,
    RTCP,
    /** ZRTP, TURN channels, QUIC or noise: dropped and counted. */
    UNKNOWN;

    /**
     * @param firstByte  the datagram's first byte, 0-255
     * @param secondByte its second byte, or -1 for a one-byte datagram
     */
    public static PacketKind classify(int firstByte, int secondByte) {
        if (firstByte >= 0 && firstByte <= 3) {
            return STUN;
        }
        if (firstByte >= 20 && firstByte <= 63) {
            return DTLS;
        }
        if (firstByte >= 128 && firstByte <= 191) {
            if (secondByte < 0) {
                return UNKNOWN;
            }
            // RTCP packet types 192-223 cannot be RTP payload types, marker bit or not (RFC 5761 section 4).
            return secondByte >= 192 && secondByte <= 223 ? RTCP : RTP;
        }
        return UNKNOWN;
    }

    public static PacketKind classify(byte[] a, int offset, int length) {
        if (length < 1) {
            return UNKNOWN;
        }
        return classify(a[offset] & 0xFF, length < 2 ? -1 : a[offset + 1] & 0xFF);
    }
}
