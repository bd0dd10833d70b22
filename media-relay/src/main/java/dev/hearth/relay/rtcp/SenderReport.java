package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.util.List;

/** RTCP SR (RFC 3550 section 6.4.1): sender info plus up to 31 report blocks. */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports) {
    private static final int FIXED_LENGTH = 28;

    public SenderReport {
        reports = List.copyOf(reports);
        if (reports.size() > 31) {
            throw new IllegalArgumentException("an SR carries at most 31 report blocks");
        }
    }

    /** Parses the SR at {@code a[off]} (one packet, as given by the iterator), or null when malformed. */
    public static SenderReport parse(byte[] a, int off, int len) {
        int content = RtcpHeader.contentLength(a, off, len);
        if (content < FIXED_LENGTH || RtcpHeader.packetType(a, off) != RtcpHeader.SENDER_REPORT) {
            return null;
        }
        int count = RtcpHeader.count(a, off);
        if (FIXED_LENGTH + count * ReportBlock.LENGTH > content) {
            return null;
        }
        List<ReportBlock> blocks = ReportBlock.readAll(a, off + FIXED_LENGTH, count);
        return new SenderReport(Wire.u32(a, off + 4), Wire.u64(a, off + 8), Wire.u32(a, off + 16),
                Wire.u32(a, off + 20), Wire.u32(a, off + 24), blocks);
    }

    public int length() {
        return FIXED_LENGTH + reports.size() * ReportBlock.LENGTH;
    }

    public int writeTo(byte[] dst, int off) {
        int length = length();
        RtcpHeader.ensureFits(dst, off, length);
        RtcpHeader.write(dst, off, false, reports.size(), RtcpHeader.SENDER_REPORT, length);
        Wire.put32(dst, off + 4, ssrc);
        Wire.put64(dst, off + 8, ntpTimestamp);
        Wire.put32(dst, off + 16, rtpTimestamp);
        Wire.put32(dst, off + 20, packetCount);
        Wire.put32(dst, off + 24, octetCount);
        for (int i = 0; i < reports.size(); i++) {
            reports.get(i).write(dst, off + FIXED_LENGTH + i * ReportBlock.LENGTH);
        }
        return length;
    }

    /** The middle 32 bits of the NTP timestamp: what a receiver echoes as LSR. */
    public long compactNtp() {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }
}
