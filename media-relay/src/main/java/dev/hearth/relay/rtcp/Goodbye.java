package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** RTCP BYE (RFC 3550 section 6.6): the leaving SSRCs and an optional reason. */
public record Goodbye(List<Long> ssrcs, String reason) {
    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 31) {
            throw new IllegalArgumentException("a BYE carries at most 31 SSRCs");
        }
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("a BYE reason holds at most 255 bytes");
        }
    }

    public static Goodbye parse(byte[] a, int off, int len) {
        int content = RtcpHeader.contentLength(a, off, len);
        if (content < RtcpHeader.LENGTH || RtcpHeader.packetType(a, off) != RtcpHeader.GOODBYE) {
            return null;
        }
        int count = RtcpHeader.count(a, off);
        int pos = off + RtcpHeader.LENGTH;
        int end = off + content;
        if (4 * count > end - pos) {
            return null;
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(Wire.u32(a, pos));
            pos += 4;
        }
        String reason = null;
        if (pos < end) {
            int reasonLength = a[pos] & 0xFF;
            if (reasonLength > end - pos - 1) {
                return null;
            }
            reason = new String(a, pos + 1, reasonLength, StandardCharsets.UTF_8);
        }
        return new Goodbye(ssrcs, reason);
    }

    public int length() {
        int reasonBytes = reason == null ? 0 : 1 + reason.getBytes(StandardCharsets.UTF_8).length;
        return RtcpHeader.LENGTH + 4 * ssrcs.size() + ((reasonBytes + 3) & ~3);
    }

    public int writeTo(byte[] dst, int off) {
        int length = length();
        RtcpHeader.ensureFits(dst, off, length);
        RtcpHeader.write(dst, off, false, ssrcs.size(), RtcpHeader.GOODBYE, length);
        int pos = off + RtcpHeader.LENGTH;
        for (long ssrc : ssrcs) {
            Wire.put32(dst, pos, ssrc);
            pos += 4;
        }
        if (reason != null) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            dst[pos] = (byte) text.length;
            System.arraycopy(text, 0, dst, pos + 1, text.length);
            pos += 1 + text.length;
        }
        while (pos < off + length) {
            dst[pos++] = 0;
        }
        return length;
    }
}
