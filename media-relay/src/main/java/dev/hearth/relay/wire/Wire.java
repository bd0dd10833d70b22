package dev.hearth.relay.wire;

/** Big-endian field access on raw packet bytes; callers have already bounds-checked. */
public final class Wire {
    private Wire() {
    }

    public static int u8(byte[] a, int i) {
        return a[i] & 0xFF;
    }

    public static int u16(byte[] a, int i) {
        return ((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF);
    }

    public static long u32(byte[] a, int i) {
        return s32(a, i) & 0xFFFF_FFFFL;
    }

    public static int s32(byte[] a, int i) {
        return ((a[i] & 0xFF) << 24) | ((a[i + 1] & 0xFF) << 16) | ((a[i + 2] & 0xFF) << 8) | (a[i + 3] & 0xFF);
    }

    public static long u64(byte[] a, int i) {
        return ((long) s32(a, i) << 32) | u32(a, i + 4);
    }

    public static void put16(byte[] a, int i, int v) {
        a[i] = (byte) (v >>> 8);
        a[i + 1] = (byte) v;
    }

    public static void put32(byte[] a, int i, long v) {
        a[i] = (byte) (v >>> 24);
        a[i + 1] = (byte) (v >>> 16);
        a[i + 2] = (byte) (v >>> 8);
        a[i + 3] = (byte) v;
    }

    public static void put64(byte[] a, int i, long v) {
        put32(a, i, v >>> 32);
        put32(a, i + 4, v);
    }

    /** True when {@code [off, off + len)} lies inside {@code a}, written so that no sum can overflow. */
    public static boolean inBounds(byte[] a, int off, int len) {
        return a != null && off >= 0 && len >= 0 && off <= a.length && len <= a.length - off;
    }
}
