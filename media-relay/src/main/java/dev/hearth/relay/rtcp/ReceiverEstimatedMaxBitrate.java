package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * REMB (draft-alvestrand-rmcat-remb-03): PSFB FMT 15 with the "REMB" identifier, the estimated bitrate as a 6-bit
 * exponent and 18-bit mantissa, and the SSRCs the estimate applies to. The media source field is zero.
 */
public record ReceiverEstimatedMaxBitrate(long senderSsrc, long bitrate, List<Long> ssrcs) {
    private static final int IDENTIFIER = 0x52454D42; // "REMB"
    private static final int MAX_MANTISSA = 0x3FFFF;
    private static final int FIXED_LENGTH = RtcpFeedback.HEADER_LENGTH + 8;

    public ReceiverEstimatedMaxBitrate {
        ssrcs = List.copyOf(ssrcs);
        if (bitrate < 0) {
            throw new IllegalArgumentException("REMB bitrate is not negative");
        }
        if (ssrcs.size() > 255) {
            throw new IllegalArgumentException("REMB lists at most 255 SSRCs");
        }
    }

    /** True when the bytes are a PSFB application-layer packet carrying the REMB identifier. */
    public static boolean isRemb(byte[] a, int off, int len) {
        return RtcpFeedback.is(a, off, len, RtcpHeader.PAYLOAD_FEEDBACK, RtcpFeedback.FMT_APPLICATION)
                && RtcpHeader.contentLength(a, off, len) >= FIXED_LENGTH
                && Wire.s32(a, off + RtcpFeedback.HEADER_LENGTH) == IDENTIFIER;
    }

    public static ReceiverEstimatedMaxBitrate parse(byte[] a, int off, int len) {
        if (!isRemb(a, off, len)) {
            return null;
        }
        int at = off + RtcpFeedback.HEADER_LENGTH + 4;
        int count = a[at] & 0xFF;
        int exponent = (a[at + 1] & 0xFF) >>> 2;
        long mantissa = ((a[at + 1] & 0x03L) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
        long bitrate = mantissa << exponent;
        if (bitrate >>> exponent != mantissa || bitrate < 0) {
            return null; // the estimate does not fit in 63 bits
        }
        if (FIXED_LENGTH + 4 * count > RtcpHeader.contentLength(a, off, len)) {
            return null;
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(Wire.u32(a, off + FIXED_LENGTH + 4 * i));
        }
        return new ReceiverEstimatedMaxBitrate(RtcpFeedback.senderSsrc(a, off), bitrate, ssrcs);
    }

    public int length() {
        return FIXED_LENGTH + 4 * ssrcs.size();
    }

    /** Writes the packet; the bitrate is rounded down to what 18 bits of mantissa can express. */
    public int writeTo(byte[] dst, int off) {
        int length = length();
        RtcpHeader.ensureFits(dst, off, length);
        RtcpFeedback.writeHeader(dst, off, RtcpHeader.PAYLOAD_FEEDBACK, RtcpFeedback.FMT_APPLICATION, length,
                senderSsrc, 0);
        int exponent = 0;
        while ((bitrate >>> exponent) > MAX_MANTISSA) {
            exponent++;
        }
        long mantissa = bitrate >>> exponent;
        int at = off + RtcpFeedback.HEADER_LENGTH;
        Wire.put32(dst, at, IDENTIFIER);
        dst[at + 4] = (byte) ssrcs.size();
        dst[at + 5] = (byte) ((exponent << 2) | (mantissa >>> 16));
        dst[at + 6] = (byte) (mantissa >>> 8);
        dst[at + 7] = (byte) mantissa;
        for (int i = 0; i < ssrcs.size(); i++) {
            Wire.put32(dst, off + FIXED_LENGTH + 4 * i, ssrcs.get(i));
        }
        return length;
    }
}
