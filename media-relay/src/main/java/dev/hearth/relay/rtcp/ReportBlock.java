package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * One reception report block of an SR or RR (RFC 3550 section 6.4.1). {@code cumulativeLost} is the signed 24-bit
 * field; {@code lastSenderReport} and {@code delaySinceLastSenderReport} are the middle 32 bits of an NTP timestamp and
 * a duration in 1/65536 s.
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
    public static final int LENGTH = 24;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost is 0..255");
        }
        if (cumulativeLost < -0x80_0000 || cumulativeLost > 0x7F_FFFF) {
            throw new IllegalArgumentException("cumulative lost is a signed 24-bit value");
        }
    }

    /** The {@code count} consecutive blocks starting at {@code a[off]}; the caller checked they fit. */
    static List<ReportBlock> readAll(byte[] a, int off, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(read(a, off + i * LENGTH));
        }
        return blocks;
    }

    static ReportBlock read(byte[] a, int off) {
        int lost = ((a[off + 5] & 0xFF) << 16) | ((a[off + 6] & 0xFF) << 8) | (a[off + 7] & 0xFF);
        return new ReportBlock(Wire.u32(a, off), a[off + 4] & 0xFF, (lost << 8) >> 8, Wire.u32(a, off + 8),
                Wire.u32(a, off + 12), Wire.u32(a, off + 16), Wire.u32(a, off + 20));
    }

    void write(byte[] dst, int off) {
        Wire.put32(dst, off, ssrc);
        Wire.put32(dst, off + 4, ((long) fractionLost << 24) | (cumulativeLost & 0xFF_FFFF));
        Wire.put32(dst, off + 8, extendedHighestSequence);
        Wire.put32(dst, off + 12, jitter);
        Wire.put32(dst, off + 16, lastSenderReport);
        Wire.put32(dst, off + 20, delaySinceLastSenderReport);
    }

    /** Rewrites the SSRC of the block at {@code blockOffset} in place, e.g. to map a consumer SSRC to the producer's. */
    public static void setSsrc(byte[] a, int blockOffset, long ssrc) {
        Wire.put32(a, blockOffset, ssrc);
    }
}
