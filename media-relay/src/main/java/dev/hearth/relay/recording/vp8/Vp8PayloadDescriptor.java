package dev.hearth.relay.recording.vp8;

/**
 * The VP8 payload descriptor at the start of every VP8 RTP payload (RFC 7741 section 4.2):
 *
 * <pre>
 *  X R N S R PID      X: extension byte follows, S: start of a partition, PID: partition index
 * [I L T K RSV]       I: PictureID, L: TL0PICIDX, T: TID, K: KEYIDX present
 * [M PictureID (7 or 15 bits)] [TL0PICIDX] [TID Y KEYIDX]
 * </pre>
 */
public final class Vp8PayloadDescriptor {

    private Vp8PayloadDescriptor() {
    }

    /** The descriptor's length in bytes, or -1 when it is malformed or leaves no VP8 data after it. */
    public static int length(byte[] a, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        int position = 1;
        if ((a[offset] & 0x80) != 0) {
            if (length < 2) {
                return -1;
            }
            int flags = a[offset + 1] & 0xFF;
            position = 2;
            if ((flags & 0x80) != 0) {
                if (position >= length) {
                    return -1;
                }
                position += (a[offset + position] & 0x80) != 0 ? 2 : 1;
            }
            if ((flags & 0x40) != 0) {
                position++;
            }
            if ((flags & 0x30) != 0) {
                position++;
            }
        }
        return position < length ? position : -1;
    }

    /** S set and partition index 0: this packet carries the first bytes of a frame. */
    public static boolean startsFrame(byte[] a, int offset) {
        return (a[offset] & 0x10) != 0 && (a[offset] & 0x07) == 0;
    }

    /**
     * Whether the VP8 data starting at {@code offset} (the frame's first bytes, after the descriptor) begins a key
     * frame: bit 0 of the frame tag is 0 for key frames (RFC 6386 section 9.1).
     */
    public static boolean isKeyframe(byte[] a, int offset, int length) {
        return length >= 10 && (a[offset] & 0x01) == 0 && (a[offset + 3] & 0xFF) == 0x9D
                && (a[offset + 4] & 0xFF) == 0x01 && (a[offset + 5] & 0xFF) == 0x2A;
    }

    /** Width of a key frame (14 bits after the start code); only valid when {@link #isKeyframe} holds. */
    public static int keyframeWidth(byte[] a, int offset) {
        return ((a[offset + 6] & 0xFF) | (a[offset + 7] & 0xFF) << 8) & 0x3FFF;
    }

    public static int keyframeHeight(byte[] a, int offset) {
        return ((a[offset + 8] & 0xFF) | (a[offset + 9] & 0xFF) << 8) & 0x3FFF;
    }
}
