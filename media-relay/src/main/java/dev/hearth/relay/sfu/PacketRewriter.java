package dev.hearth.relay.sfu;

import dev.hearth.relay.rtp.RtpPacket;
import dev.hearth.relay.wire.Wire;

/**
 * Writes a producer's packet as a consumer sends it: new payload type, sequence number, timestamp and SSRC, and a
 * header extension block rebuilt with the relay's downstream ids. Only what the subscriber can use survives: its own
 * mid (the publisher's would misroute the packet in the subscriber's BUNDLE) and, for audio, the audio level.
 * Transport-wide sequence numbers and abs-send-time describe the publisher's transport, not the subscriber's, so they
 * are dropped. Payload and padding are copied untouched. One copy, no allocation.
 */
final class PacketRewriter {
    private static final int ONE_BYTE_HEADER = 4;

    private PacketRewriter() {
    }

    /**
     * @param midId       downstream id of sdes:mid, 0 for none
     * @param levelInId   the publisher's audio-level id, 0 for none
     * @param levelOutId  downstream id of audio-level, 0 for none
     * @return the length written at {@code out[at]}, or -1 when it would not fit in {@code capacity} bytes
     */
    static int rewrite(RtpPacket in, byte[] out, int at, int capacity, int payloadType, long ssrc, int sequence,
            long timestamp, int midId, byte[] mid, int levelInId, int levelOutId) {
        byte[] a = in.array();
        int off = in.offset();
        int fixed = RtpPacket.FIXED_HEADER_LENGTH + 4 * in.csrcCount();
        int levelAt = levelInId > 0 && levelOutId > 0 ? in.findExtension(levelInId) : -1;
        if (levelAt >= 0 && in.extensionLength(levelAt) != 1) {
            levelAt = -1;
        }
        int elements = (midId > 0 ? 1 + mid.length : 0) + (levelAt >= 0 ? 2 : 0);
        int extensionBlock = elements == 0 ? 0 : ONE_BYTE_HEADER + ((elements + 3) & ~3);
        int body = in.length() - in.headerLength();
        int total = fixed + extensionBlock + body;
        if (total > capacity || at < 0 || at + capacity > out.length) {
            return -1;
        }
        System.arraycopy(a, off, out, at, fixed);
        out[at] = (byte) ((out[at] & ~0x10) | (extensionBlock > 0 ? 0x10 : 0));
        out[at + 1] = (byte) ((out[at + 1] & 0x80) | payloadType);
        Wire.put16(out, at + 2, sequence);
        Wire.put32(out, at + 4, timestamp);
        Wire.put32(out, at + 8, ssrc);
        int pos = at + fixed;
        if (extensionBlock > 0) {
            Wire.put16(out, pos, RtpPacket.ONE_BYTE_PROFILE);
            Wire.put16(out, pos + 2, (extensionBlock - ONE_BYTE_HEADER) / 4);
            int end = pos + extensionBlock;
            pos += ONE_BYTE_HEADER;
            if (midId > 0) {
                out[pos++] = (byte) ((midId << 4) | (mid.length - 1));
                System.arraycopy(mid, 0, out, pos, mid.length);
                pos += mid.length;
            }
            if (levelAt >= 0) {
                out[pos++] = (byte) (levelOutId << 4);
                out[pos++] = a[levelAt];
            }
            while (pos < end) {
                out[pos++] = 0;
            }
        }
        System.arraycopy(a, in.payloadOffset(), out, pos, body);
        return total;
    }

    /** At least what {@link #rewrite} writes for {@code in} with a mid of {@code midLength} bytes and audio level. */
    static int maxLength(RtpPacket in, int midLength) {
        int fixed = RtpPacket.FIXED_HEADER_LENGTH + 4 * in.csrcCount();
        int elements = 1 + midLength + 2;
        return fixed + ONE_BYTE_HEADER + ((elements + 3) & ~3) + in.length() - in.headerLength();
    }
}
