package dev.hearth.relay.srtp;

/** Big-endian field access and the checks every packet method starts with. */
final class PacketBytes {

    static final int RTP_FIXED_HEADER = 12;
    static final int RTCP_HEADER = 8;

    private PacketBytes() {
    }

    static int readInt(byte[] a, int at) {
        return (a[at] & 0xff) << 24 | (a[at + 1] & 0xff) << 16 | (a[at + 2] & 0xff) << 8 | (a[at + 3] & 0xff);
    }

    static int readUnsignedShort(byte[] a, int at) {
        return (a[at] & 0xff) << 8 | (a[at + 1] & 0xff);
    }

    static void writeInt(byte[] a, int at, int value) {
        a[at] = (byte) (value >>> 24);
        a[at + 1] = (byte) (value >>> 16);
        a[at + 2] = (byte) (value >>> 8);
        a[at + 3] = (byte) value;
    }

    /** Whether {@code [offset, offset + length + extra)} lies inside the array, without int overflow. */
    static boolean fits(byte[] a, int offset, int length, int extra) {
        return a != null && offset >= 0 && length >= 0 && (long) offset + length + extra <= a.length;
    }

    /**
     * The RTP header length (fixed part, CSRCs and header extension) of a version-2 packet whose first
     * {@code available} bytes are header or payload, or -1 if it does not parse within them.
     */
    static int rtpHeaderLength(byte[] a, int offset, int available) {
        if (available < RTP_FIXED_HEADER || (a[offset] & 0xc0) != 0x80) {
            return -1;
        }
        int length = RTP_FIXED_HEADER + 4 * (a[offset] & 0x0f);
        if ((a[offset] & 0x10) != 0) {
            if (length + 4 > available) {
                return -1;
            }
            length += 4 + 4 * readUnsignedShort(a, offset + length + 2);
        }
        return length <= available ? length : -1;
    }

    /** Compares two byte ranges in time independent of where they differ, so tags cannot be guessed bytewise. */
    static boolean constantTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= a[aOffset + i] ^ b[bOffset + i];
        }
        return difference == 0;
    }
}
