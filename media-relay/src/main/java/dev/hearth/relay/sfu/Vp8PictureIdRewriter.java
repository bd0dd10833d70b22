package dev.hearth.relay.sfu;

/**
 * Keeps a consumer's VP8 picture ids and TL0PICIDX continuous (RFC 7741 section 4.2) when the stream under it
 * changes: a simulcast layer switch or a publisher restart. Like {@link SequenceRewriter} it maps by an offset per
 * source, so packets of one frame and retransmissions map alike, and a new source continues at the next picture id
 * after the highest one sent: the subscriber's VP8 frame-reference logic, which goes by picture id and TL0PICIDX
 * with temporal layers, sees one stream with no missing picture. Works in place on a rewritten packet's payload
 * descriptor; a packet without the fields is left as it is. Allocation-free.
 */
final class Vp8PictureIdRewriter {
    private static final int PID_MASK = 0x7FFF;
    private static final long NO_SOURCE = -1;

    private long source = NO_SOURCE;
    private int pictureOffset;
    private int tl0Offset;
    private int highestPicture = -1;
    private int highestTl0 = -1;

    /**
     * Rewrites the descriptor at {@code payload} ({@code length} bytes of payload) of a packet from {@code ssrc}.
     */
    void rewrite(long ssrc, byte[] a, int payload, int length) {
        if (length < 3 || (a[payload] & 0x80) == 0) {
            return;
        }
        int flags = a[payload + 1] & 0xFF;
        int at = payload + 2;
        boolean hasPicture = (flags & 0x80) != 0;
        boolean hasTl0 = (flags & 0x40) != 0;
        int pictureAt = -1;
        boolean longPicture = false;
        if (hasPicture) {
            pictureAt = at;
            longPicture = (a[at] & 0x80) != 0;
            at += longPicture ? 2 : 1;
        }
        int tl0At = hasTl0 ? at : -1;
        if (at + (hasTl0 ? 1 : 0) > payload + length) {
            return;
        }
        int picture = pictureAt < 0 ? -1
                : longPicture ? ((a[pictureAt] & 0x7F) << 8) | (a[pictureAt + 1] & 0xFF) : a[pictureAt] & 0x7F;
        int tl0 = tl0At < 0 ? -1 : a[tl0At] & 0xFF;
        if (ssrc != source) {
            source = ssrc;
            pictureOffset = picture < 0 || highestPicture < 0 ? 0 : (highestPicture + 1 - picture) & PID_MASK;
            tl0Offset = tl0 < 0 || highestTl0 < 0 ? 0 : (highestTl0 + 1 - tl0) & 0xFF;
        }
        if (picture >= 0) {
            int out = (picture + pictureOffset) & PID_MASK;
            if (highestPicture < 0 || isNewer(out, highestPicture, PID_MASK)) {
                highestPicture = out;
            }
            if (longPicture) {
                a[pictureAt] = (byte) (0x80 | (out >>> 8));
                a[pictureAt + 1] = (byte) out;
            } else {
                a[pictureAt] = (byte) (out & 0x7F);
            }
        }
        if (tl0 >= 0) {
            int out = (tl0 + tl0Offset) & 0xFF;
            if (highestTl0 < 0 || isNewer(out, highestTl0, 0xFF)) {
                highestTl0 = out;
            }
            a[tl0At] = (byte) out;
        }
    }

    private static boolean isNewer(int a, int b, int mask) {
        int diff = (a - b) & mask;
        return diff != 0 && diff <= mask / 2;
    }
}
