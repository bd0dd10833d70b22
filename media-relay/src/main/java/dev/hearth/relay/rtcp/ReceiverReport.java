package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.util.List;

/** RTCP RR (RFC 3550 section 6.4.2): the reporter's SSRC and up to 31 report blocks. */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) {
    private static final int FIXED_LENGTH = 8;

    public ReceiverReport {
        reports = List.copyOf(reports);
        if (reports.size() > 31) {
            throw new IllegalArgumentException("an RR carries at most 31 report blocks");
        }
    }

    public static ReceiverReport parse(byte[] a, int off, int len) {
        int content = RtcpHeader.contentLength(a, off, len);
        if (content < FIXED_LENGTH || RtcpHeader.packetType(a, off) != RtcpHeader.RECEIVER_REPORT) {
            return null;
        }
        int count = RtcpHeader.count(a, off);
        if (FIXED_LENGTH + count * ReportBlock.LENGTH > content) {
            return null;
        }
        List<ReportBlock> blocks = ReportBlock.readAll(a, off + FIXED_LENGTH, count);
        return new ReceiverReport(Wire.u32(a, off + 4), blocks);
    }

    public int length() {
        return FIXED_LENGTH + reports.size() * ReportBlock.LENGTH;
    }

    public int writeTo(byte[] dst, int off) {
        int length = length();
        RtcpHeader.ensureFits(dst, off, length);
        RtcpHeader.write(dst, off, false, reports.size(), RtcpHeader.RECEIVER_REPORT, length);
        Wire.put32(dst, off + 4, ssrc);
        for (int i = 0; i < reports.size(); i++) {
            reports.get(i).write(dst, off + FIXED_LENGTH + i * ReportBlock.LENGTH);
        }
        return length;
    }
}
