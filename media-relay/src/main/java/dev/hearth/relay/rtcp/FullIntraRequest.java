package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * FIR (RFC 5104 section 4.3.1): asks each listed media sender for a decoder refresh. The media source field of the
 * common header is zero; targets and command sequence numbers are in the FCI entries.
 */
public record FullIntraRequest(long senderSsrc, List<Entry> entries) {
    private static final int ENTRY_LENGTH = 8;

    /** One request: the target SSRC and its command sequence number (0..255, incremented per new request). */
    public record Entry(long ssrc, int sequenceNumber) {
        public Entry {
            if (sequenceNumber < 0 || sequenceNumber > 255) {
                throw new IllegalArgumentException("FIR sequence number is 0..255");
            }
        }
    }

    public FullIntraRequest {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a FIR needs at least one entry");
        }
    }

    public static FullIntraRequest parse(byte[] a, int off, int len) {
        if (!RtcpFeedback.is(a, off, len, RtcpHeader.PAYLOAD_FEEDBACK, RtcpFeedback.FMT_FULL_INTRA_REQUEST)) {
            return null;
        }
        int content = RtcpHeader.contentLength(a, off, len);
        int count = (content - RtcpFeedback.HEADER_LENGTH) / ENTRY_LENGTH;
        if (count == 0) {
            return null;
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = off + RtcpFeedback.HEADER_LENGTH + i * ENTRY_LENGTH;
            entries.add(new Entry(Wire.u32(a, at), a[at + 4] & 0xFF));
        }
        return new FullIntraRequest(RtcpFeedback.senderSsrc(a, off), entries);
    }

    public int length() {
        return RtcpFeedback.HEADER_LENGTH + entries.size() * ENTRY_LENGTH;
    }

    public int writeTo(byte[] dst, int off) {
        int length = length();
        RtcpHeader.ensureFits(dst, off, length);
        RtcpFeedback.writeHeader(dst, off, RtcpHeader.PAYLOAD_FEEDBACK, RtcpFeedback.FMT_FULL_INTRA_REQUEST, length,
                senderSsrc, 0);
        for (int i = 0; i < entries.size(); i++) {
            int at = off + RtcpFeedback.HEADER_LENGTH + i * ENTRY_LENGTH;
            Wire.put32(dst, at, entries.get(i).ssrc());
            Wire.put32(dst, at + 4, (long) entries.get(i).sequenceNumber() << 24);
        }
        return length;
    }

    /**
     * Retargets, in place, every entry addressed to {@code from} so it addresses {@code to}; returns how many entries
     * changed (0 as well when the bytes are not a FIR).
     */
    public static int rewriteTarget(byte[] a, int off, int len, long from, long to) {
        if (!RtcpFeedback.is(a, off, len, RtcpHeader.PAYLOAD_FEEDBACK, RtcpFeedback.FMT_FULL_INTRA_REQUEST)) {
            return 0;
        }
        int end = off + RtcpHeader.contentLength(a, off, len);
        int changed = 0;
        for (int at = off + RtcpFeedback.HEADER_LENGTH; end - at >= ENTRY_LENGTH; at += ENTRY_LENGTH) {
            if (Wire.u32(a, at) == (from & 0xFFFF_FFFFL)) {
                Wire.put32(a, at, to);
                changed++;
            }
        }
        return changed;
    }
}
