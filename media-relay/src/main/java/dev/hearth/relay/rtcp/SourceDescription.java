package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** RTCP SDES (RFC 3550 section 6.5) reduced to what an SFU uses: the CNAME of each chunk; other items are skipped. */
public record SourceDescription(List<Chunk> chunks) {
    public static final int CNAME = 1;

    /** One SSRC's description; {@code cname} is null when the chunk carried none. */
    public record Chunk(long ssrc, String cname) {
        public Chunk {
            if (cname != null && cname.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("an SDES item holds at most 255 bytes");
            }
        }

        int length() {
            int items = cname == null ? 0 : 2 + cname.getBytes(StandardCharsets.UTF_8).length;
            return 4 + ((items + 1 + 3) & ~3); // at least one terminating null octet, then 32-bit alignment
        }
    }

    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > 31) {
            throw new IllegalArgumentException("an SDES packet carries at most 31 chunks");
        }
    }

    public static SourceDescription parse(byte[] a, int off, int len) {
        int content = RtcpHeader.contentLength(a, off, len);
        if (content < RtcpHeader.LENGTH || RtcpHeader.packetType(a, off) != RtcpHeader.SOURCE_DESCRIPTION) {
            return null;
        }
        int end = off + content;
        int pos = off + RtcpHeader.LENGTH;
        int count = RtcpHeader.count(a, off);
        List<Chunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (end - pos < 4) {
                return null;
            }
            long ssrc = Wire.u32(a, pos);
            pos += 4;
            String cname = null;
            while (true) {
                if (pos >= end) {
                    return null;
                }
                int type = a[pos] & 0xFF;
                if (type == 0) {
                    break;
                }
                if (end - pos < 2 || (a[pos + 1] & 0xFF) > end - pos - 2) {
                    return null;
                }
                int itemLength = a[pos + 1] & 0xFF;
                if (type == CNAME && cname == null) {
                    cname = new String(a, pos + 2, itemLength, StandardCharsets.UTF_8);
                }
                pos += 2 + itemLength;
            }
            // Skip the null octet(s) up to the next 32-bit boundary of the packet.
            pos = off + ((pos - off + 4) & ~3);
            if (pos > end) {
                return null;
            }
            chunks.add(new Chunk(ssrc, cname));
        }
        return new SourceDescription(chunks);
    }

    public int length() {
        int length = RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            length += chunk.length();
        }
        return length;
    }

    public int writeTo(byte[] dst, int off) {
        int length = length();
        RtcpHeader.ensureFits(dst, off, length);
        RtcpHeader.write(dst, off, false, chunks.size(), RtcpHeader.SOURCE_DESCRIPTION, length);
        int pos = off + RtcpHeader.LENGTH;
        for (Chunk chunk : chunks) {
            int chunkEnd = pos + chunk.length();
            Wire.put32(dst, pos, chunk.ssrc());
            pos += 4;
            if (chunk.cname() != null) {
                byte[] text = chunk.cname().getBytes(StandardCharsets.UTF_8);
                dst[pos] = CNAME;
                dst[pos + 1] = (byte) text.length;
                System.arraycopy(text, 0, dst, pos + 2, text.length);
                pos += 2 + text.length;
            }
            while (pos < chunkEnd) {
                dst[pos++] = 0;
            }
        }
        return length;
    }
}
