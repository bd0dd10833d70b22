package dev.hearth.relay.srtp;

/**
 * What the packet methods of {@link SrtpSendContext} and {@link SrtpReceiveContext} return instead of throwing:
 * a non-negative value is the packet's new length, a negative value is one of the drop reasons below. The hot
 * path stays free of exceptions and allocation, and a caller that only cares about "keep or drop" tests
 * {@code result < 0}.
 */
public final class SrtpResult {

    /** Too short, not RTP/RTCP version 2, header longer than the packet, or offsets outside the array. */
    public static final int MALFORMED = -1;
    /** The authentication tag did not verify (tampered, wrong key, or garbage). */
    public static final int AUTHENTICATION_FAILED = -2;
    /** A duplicate, or older than the 64-packet replay window. */
    public static final int REPLAYED = -3;
    /** A new SSRC arrived while the context already tracks its maximum number of SSRCs. */
    public static final int SSRC_LIMIT = -4;
    /** The packet index space of the stream is used up; the session needs new keys. */
    public static final int KEY_EXHAUSTED = -5;
    /** The JCA provider refused the operation (for example an AES-GCM IV reused back to back). */
    public static final int CIPHER_REFUSED = -6;

    private SrtpResult() {
    }

    public static boolean isDropped(int result) {
        return result < 0;
    }

    /** A short stable name for logs and metrics tags. */
    public static String describe(int result) {
        return switch (result) {
            case MALFORMED -> "malformed";
            case AUTHENTICATION_FAILED -> "authentication-failed";
            case REPLAYED -> "replayed";
            case SSRC_LIMIT -> "ssrc-limit";
            case KEY_EXHAUSTED -> "key-exhausted";
            case CIPHER_REFUSED -> "cipher-refused";
            default -> result >= 0 ? "ok" : "unknown";
        };
    }
}
