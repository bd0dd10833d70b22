package dev.hearth.relay.rtcp;

/** Big-endian field access on raw packet bytes; callers have already bounds-checked. */
final class Wire {
    private Wire() {
    }

    static int u8(byte[] a, int i) {
        return a[i] & 0xFF;
    }

    static int u16(byte[] a, int i) {
        return ((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF);
    }

    static long u32(byte[] a, int i) {
        return s32(a, i) & 0xFFFF_FFFFL;
    }

    static int s32(byte[] a, int i) {
        return ((a[i] & 0xFF) << 24) | ((a[i + 1] & 0xFF) << 16) | ((a[i + 2] & 0xFF) << 8) | (a[i + 3] & 0xFF);
    }

    static long u64(byte[] a, int i) {
        return ((long) s32(a, i) << 32) | u32(a, i + 4);
    }

    static void put16(byte[] a, int i, int v) {
        a[i] = (byte) (v >>> 8);
        a[i + 1] = (byte) v;
    }

    static void put32(byte[] a, int i, long v) {
        a[i] = (byte) (v >>> 24);
        a[i + 1] = (byte) (v >>> 16);
        a[i + 2] = (byte) (v >>> 8);
        a[i + 3] = (byte) v;
    }

    static void put64(byte[] a, int i, long v) {
        put32(a, i, v >>> 32);
        put32(a, i + 4, v);
    }

    /** True when {@code [off, off + len)} lies inside {@code a}, written so that no sum can overflow. */
    static boolean inBounds(byte[] a, int off, int len) {
        return a != null && off >= 0 && len >= 0 && off <= a.length && len <= a.length - off;
    }
}
