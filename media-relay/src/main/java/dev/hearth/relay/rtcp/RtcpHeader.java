package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

/**
 * The common RTCP header (RFC 3550 section 6.4): V=2, P, a 5-bit count (or feedback FMT), the packet type, and the
 * length in 32-bit words minus one.
 */
public final class RtcpHeader {
    public static final int LENGTH = 4;

    public static final int SENDER_REPORT = 200;
    public static final int RECEIVER_REPORT = 201;
    public static final int SOURCE_DESCRIPTION = 202;
    public static final int GOODBYE = 203;
    public static final int APPLICATION = 204;
    /** Transport layer feedback (RFC 4585 section 6.2): generic NACK, transport-wide CC. */
    public static final int TRANSPORT_FEEDBACK = 205;
    /** Payload-specific feedback (RFC 4585 section 6.3): PLI, FIR, REMB. */
    public static final int PAYLOAD_FEEDBACK = 206;

    private RtcpHeader() {
    }

    /**
     * RFC 5761 section 4 demultiplexing of RTP and RTCP on one port: the second byte of RTCP is a packet type in
     * 192..223, which RTP payload types (with the marker bit) never use.
     */
    public static boolean isRtcp(byte[] a, int off, int len) {
        if (!Wire.inBounds(a, off, len) || len < LENGTH || (a[off] & 0xC0) != 0x80) {
            return false;
        }
        int type = a[off + 1] & 0xFF;
        return type >= 192 && type <= 223;
    }

    public static int count(byte[] a, int off) {
        return a[off] & 0x1F;
    }

    public static int packetType(byte[] a, int off) {
        return a[off + 1] & 0xFF;
    }

    public static boolean hasPadding(byte[] a, int off) {
        return (a[off] & 0x20) != 0;
    }

    /** Bytes this packet occupies according to its length field. */
    public static int packetLength(byte[] a, int off) {
        return (Wire.u16(a, off + 2) + 1) * 4;
    }

    /**
     * The packet's length without padding, or -1 when the header is not version 2, claims more than {@code len} bytes,
     * or has an impossible padding count. Every parser starts here.
     */
    static int contentLength(byte[] a, int off, int len) {
        if (!Wire.inBounds(a, off, len) || len < LENGTH || (a[off] & 0xC0) != 0x80) {
            return -1;
        }
        int packetLength = packetLength(a, off);
        if (packetLength > len) {
            return -1;
        }
        if (!hasPadding(a, off)) {
            return packetLength;
        }
        int padding = a[off + packetLength - 1] & 0xFF;
        return padding == 0 || padding > packetLength - LENGTH ? -1 : packetLength - padding;
    }

    /** Writes a header for a packet of {@code totalBytes} (a multiple of 4, padding included). */
    static void write(byte[] dst, int off, boolean padding, int count, int type, int totalBytes) {
        dst[off] = (byte) (0x80 | (padding ? 0x20 : 0) | (count & 0x1F));
        dst[off + 1] = (byte) type;
        Wire.put16(dst, off + 2, totalBytes / 4 - 1);
    }

    static void ensureFits(byte[] dst, int off, int bytes) {
        if (!Wire.inBounds(dst, off, bytes)) {
            throw new IllegalArgumentException("RTCP packet of " + bytes + " bytes does not fit in the output buffer");
        }
    }
}
