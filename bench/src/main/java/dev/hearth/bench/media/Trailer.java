package dev.hearth.bench.media;

/**
 * The 20 bytes a generator sender appends to every payload, and its receivers look for: a magic number, the
 * stream (sender and kind), the stream's packet number and the sender's {@link System#nanoTime()} when it
 * encrypted the packet. Relays forward payloads untouched, so it survives any rewriting of RTP headers, and it
 * lets a receiver count loss per stream, measure latency in one clock, and check the payload against the clip.
 */
public final class Trailer {

    public static final int LENGTH = 20;
    private static final int MAGIC = 0x48424C47; // "HBLG"

    private Trailer() {
    }

    /** A stream id: the sender's number in the run and the kind, so two streams of one sender differ. */
    public static int streamId(int participant, MediaClip.Kind kind) {
        return participant * 2 + kind.ordinal();
    }

    public static int participantOf(int streamId) {
        return streamId >>> 1;
    }

    public static MediaClip.Kind kindOf(int streamId) {
        return MediaClip.Kind.values()[streamId & 1];
    }

    public static void write(byte[] a, int at, int streamId, int sequence, long sendNanos) {
        putInt(a, at, MAGIC);
        putInt(a, at + 4, streamId);
        putInt(a, at + 8, sequence);
        putInt(a, at + 12, (int) (sendNanos >>> 32));
        putInt(a, at + 16, (int) sendNanos);
    }

    /** Whether the payload {@code [from, end)} ends with a trailer. */
    public static boolean present(byte[] a, int from, int end) {
        return end - from >= LENGTH && getInt(a, end - LENGTH) == MAGIC;
    }

    public static int streamIdAt(byte[] a, int end) {
        return getInt(a, end - LENGTH + 4);
    }

    public static int sequenceAt(byte[] a, int end) {
        return getInt(a, end - LENGTH + 8);
    }

    public static long sendNanosAt(byte[] a, int end) {
        return ((long) getInt(a, end - LENGTH + 12) << 32) | (getInt(a, end - LENGTH + 16) & 0xFFFFFFFFL);
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    private static int getInt(byte[] a, int at) {
        return ((a[at] & 0xFF) << 24) | ((a[at + 1] & 0xFF) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
    }
}
