package dev.hearth.relay.rtp;

import dev.hearth.relay.wire.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds an RTP packet: for tests, probes and anything the relay originates. Header extensions use the one-byte form
 * when every element allows it (id 1..14, 1..16 bytes) and the two-byte form otherwise or on request.
 */
public final class RtpPacketWriter {
    private record Element(int id, byte[] value) {
    }

    private final List<Element> extensions = new ArrayList<>();
    private long[] csrcs = new long[0];
    private int payloadType;
    private boolean marker;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private byte[] payload = new byte[0];
    private int padding;
    private boolean forceTwoByte;

    public RtpPacketWriter payloadType(int payloadType) {
        if ((payloadType & ~0x7F) != 0) {
            throw new IllegalArgumentException("RTP payload type is 0..127");
        }
        this.payloadType = payloadType;
        return this;
    }

    public RtpPacketWriter marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    public RtpPacketWriter sequenceNumber(int sequenceNumber) {
        this.sequenceNumber = sequenceNumber & 0xFFFF;
        return this;
    }

    public RtpPacketWriter timestamp(long timestamp) {
        this.timestamp = timestamp & 0xFFFF_FFFFL;
        return this;
    }

    public RtpPacketWriter ssrc(long ssrc) {
        this.ssrc = ssrc & 0xFFFF_FFFFL;
        return this;
    }

    public RtpPacketWriter csrcs(long... csrcs) {
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("RTP carries at most 15 CSRCs");
        }
        this.csrcs = csrcs.clone();
        return this;
    }

    public RtpPacketWriter extension(int id, byte[] value) {
        if (id < 1 || id > 255 || value.length > 255) {
            throw new IllegalArgumentException("header extension id is 1..255 and value at most 255 bytes");
        }
        extensions.add(new Element(id, value.clone()));
        return this;
    }

    public RtpPacketWriter twoByteExtensions() {
        this.forceTwoByte = true;
        return this;
    }

    public RtpPacketWriter payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    /** Padding bytes to append (0 for none, else 1..255, the last holding the count). */
    public RtpPacketWriter padding(int bytes) {
        if (bytes < 0 || bytes > 255) {
            throw new IllegalArgumentException("RTP padding is 0..255 bytes");
        }
        this.padding = bytes;
        return this;
    }

    public int length() {
        return RtpPacket.FIXED_HEADER_LENGTH + 4 * csrcs.length + extensionBlockLength() + payload.length + padding;
    }

    public byte[] toBytes() {
        byte[] out = new byte[length()];
        writeTo(out, 0);
        return out;
    }

    /** Writes the packet at {@code dst[offset]} and returns its length. */
    public int writeTo(byte[] dst, int offset) {
        int total = length();
        if (!Wire.inBounds(dst, offset, total)) {
            throw new IllegalArgumentException("RTP packet of " + total + " bytes does not fit in the output buffer");
        }
        dst[offset] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | (extensions.isEmpty() ? 0 : 0x10) | csrcs.length);
        dst[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        Wire.put16(dst, offset + 2, sequenceNumber);
        Wire.put32(dst, offset + 4, timestamp);
        Wire.put32(dst, offset + 8, ssrc);
        int pos = offset + RtpPacket.FIXED_HEADER_LENGTH;
        for (long csrc : csrcs) {
            Wire.put32(dst, pos, csrc);
            pos += 4;
        }
        pos = writeExtensions(dst, pos);
        System.arraycopy(payload, 0, dst, pos, payload.length);
        pos += payload.length;
        for (int i = 0; i < padding; i++) {
            dst[pos + i] = 0;
        }
        if (padding > 0) {
            dst[pos + padding - 1] = (byte) padding;
        }
        return total;
    }

    private boolean oneByte() {
        if (forceTwoByte) {
            return false;
        }
        for (Element e : extensions) {
            if (e.id() > 14 || e.value().length < 1 || e.value().length > 16) {
                return false;
            }
        }
        return true;
    }

    private int extensionBlockLength() {
        if (extensions.isEmpty()) {
            return 0;
        }
        int perElement = oneByte() ? 1 : 2;
        int bytes = 0;
        for (Element e : extensions) {
            bytes += perElement + e.value().length;
        }
        return 4 + ((bytes + 3) & ~3);
    }

    private int writeExtensions(byte[] dst, int pos) {
        if (extensions.isEmpty()) {
            return pos;
        }
        boolean oneByte = oneByte();
        int blockLength = extensionBlockLength();
        Wire.put16(dst, pos, oneByte ? RtpPacket.ONE_BYTE_PROFILE : RtpPacket.TWO_BYTE_PROFILE);
        Wire.put16(dst, pos + 2, (blockLength - 4) / 4);
        int end = pos + blockLength;
        pos += 4;
        for (Element e : extensions) {
            byte[] value = e.value();
            if (oneByte) {
                dst[pos++] = (byte) ((e.id() << 4) | (value.length - 1));
            } else {
                dst[pos++] = (byte) e.id();
                dst[pos++] = (byte) value.length;
            }
            System.arraycopy(value, 0, dst, pos, value.length);
            pos += value.length;
        }
        while (pos < end) {
            dst[pos++] = 0;
        }
        return end;
    }
}
