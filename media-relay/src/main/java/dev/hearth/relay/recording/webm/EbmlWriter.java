package dev.hearth.relay.recording.webm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds EBML (RFC 8794) in memory: element ids as written in the Matroska spec (their length marker included),
 * sizes as the shortest variable-length integer that fits. A master element is written by building its body in
 * another writer first, so every size is known.
 */
public final class EbmlWriter {
    /** The reserved all-ones 8-byte size: "unknown", for a Segment that is streamed. */
    public static final long UNKNOWN_SIZE = 0x01FF_FFFF_FFFF_FFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public EbmlWriter id(int id) {
        if ((id & 0xFF00_0000) != 0) {
            out.write(id >>> 24);
        }
        if ((id & 0xFFFF_0000) != 0) {
            out.write(id >>> 16);
        }
        if ((id & 0xFFFF_FF00) != 0) {
            out.write(id >>> 8);
        }
        out.write(id);
        return this;
    }

    public EbmlWriter size(long size) {
        if (size == UNKNOWN_SIZE) {
            writeBigEndian(UNKNOWN_SIZE, 8);
            return this;
        }
        int length = 1;
        // 2^(7n) - 1 is reserved for "unknown" in each length, so it must stay strictly below.
        while (length < 8 && size >= (1L << (7 * length)) - 1) {
            length++;
        }
        if (size >= (1L << 56) - 1) {
            throw new IllegalArgumentException("EBML size too large");
        }
        writeBigEndian(size | (1L << (7 * length)), length);
        return this;
    }

    public EbmlWriter unsigned(int id, long value) {
        int length = 1;
        while (length < 8 && (value >>> (8 * length)) != 0) {
            length++;
        }
        id(id).size(length);
        writeBigEndian(value, length);
        return this;
    }

    public EbmlWriter floating(int id, double value) {
        id(id).size(8);
        writeBigEndian(Double.doubleToLongBits(value), 8);
        return this;
    }

    public EbmlWriter string(int id, String value) {
        return binary(id, value.getBytes(StandardCharsets.UTF_8));
    }

    public EbmlWriter binary(int id, byte[] value) {
        id(id).size(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    public EbmlWriter master(int id, EbmlWriter body) {
        id(id).size(body.out.size());
        out.write(body.out.toByteArray(), 0, body.out.size());
        return this;
    }

    public EbmlWriter raw(byte[] bytes, int offset, int length) {
        out.write(bytes, offset, length);
        return this;
    }

    public EbmlWriter raw(int oneByte) {
        out.write(oneByte);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public void reset() {
        out.reset();
    }

    void writeTo(java.io.OutputStream target) throws java.io.IOException {
        out.writeTo(target);
    }

    private void writeBigEndian(long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }
}
