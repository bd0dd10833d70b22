package dev.hearth.relay.rtp;

/**
 * The abs-send-time extension (webrtc.org): 24-bit seconds in 6.18 fixed point, wrapping every 64 s. Used by REMB
 * bandwidth estimation.
 */
public final class AbsSendTime {
    public static final String URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final int LENGTH = 3;
    private static final int MASK = 0xFF_FFFF;

    private AbsSendTime() {
    }

    /** The raw 24-bit value under {@code id}, or -1 when absent or of the wrong size. */
    public static int read(RtpPacket packet, int id) {
        int at = packet.findExtension(id);
        if (at < 0 || packet.extensionLength(at) != LENGTH) {
            return -1;
        }
        byte[] a = packet.array();
        return ((a[at] & 0xFF) << 16) | ((a[at + 1] & 0xFF) << 8) | (a[at + 2] & 0xFF);
    }

    /** Rewrites the value in place; false when the element is absent. */
    public static boolean rewrite(RtpPacket packet, int id, int value) {
        int at = packet.findExtension(id);
        if (at < 0 || packet.extensionLength(at) != LENGTH) {
            return false;
        }
        byte[] a = packet.array();
        a[at] = (byte) (value >>> 16);
        a[at + 1] = (byte) (value >>> 8);
        a[at + 2] = (byte) value;
        return true;
    }

    /** Converts a clock in microseconds to the wire value (its low 64 seconds, 2^-18 s resolution). */
    public static int fromMicros(long micros) {
        // Reduce to the 64 s window first so that a large monotonic clock cannot overflow the shift.
        long inWindow = Math.floorMod(micros, 64_000_000L);
        return (int) (((inWindow << 18) / 1_000_000L) & MASK);
    }

    /** Converts a wire value back to microseconds within its 64-second window. */
    public static long toMicros(int value) {
        return ((value & MASK) * 1_000_000L) >> 18;
    }

    public static byte[] encode(int value) {
        return new byte[] {(byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
