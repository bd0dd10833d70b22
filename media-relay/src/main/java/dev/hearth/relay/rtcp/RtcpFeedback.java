package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

/**
 * The common part of RTPFB and PSFB packets (RFC 4585 section 6.1): header with FMT, SSRC of packet sender, SSRC of
 * media source. The in-place setters let the forwarder retarget feedback (e.g. a subscriber's PLI or NACK, addressed
 * to the relay's consumer SSRC, becomes one addressed to the producer's SSRC) without re-encoding.
 */
public final class RtcpFeedback {
    public static final int HEADER_LENGTH = 12;

    /** RTPFB FMT 1. */
    public static final int FMT_GENERIC_NACK = 1;
    /** RTPFB FMT 15. */
    public static final int FMT_TRANSPORT_CC = 15;
    /** PSFB FMT 1. */
    public static final int FMT_PICTURE_LOSS = 1;
    /** PSFB FMT 4 (RFC 5104). */
    public static final int FMT_FULL_INTRA_REQUEST = 4;
    /** PSFB FMT 15, application layer feedback; REMB lives here. */
    public static final int FMT_APPLICATION = 15;

    private RtcpFeedback() {
    }

    /** True when {@code a[off]} starts a feedback packet of {@code type} and {@code fmt} at least 12 bytes long. */
    public static boolean is(byte[] a, int off, int len, int type, int fmt) {
        return RtcpHeader.contentLength(a, off, len) >= HEADER_LENGTH
                && RtcpHeader.packetType(a, off) == type
                && RtcpHeader.count(a, off) == fmt;
    }

    public static long senderSsrc(byte[] a, int off) {
        return Wire.u32(a, off + 4);
    }

    public static long mediaSsrc(byte[] a, int off) {
        return Wire.u32(a, off + 8);
    }

    public static void setSenderSsrc(byte[] a, int off, long ssrc) {
        Wire.put32(a, off + 4, ssrc);
    }

    public static void setMediaSsrc(byte[] a, int off, long ssrc) {
        Wire.put32(a, off + 8, ssrc);
    }

    static void writeHeader(byte[] dst, int off, int type, int fmt, int totalBytes, long sender, long media) {
        RtcpHeader.write(dst, off, false, fmt, type, totalBytes);
        Wire.put32(dst, off + 4, sender);
        Wire.put32(dst, off + 8, media);
    }
}
