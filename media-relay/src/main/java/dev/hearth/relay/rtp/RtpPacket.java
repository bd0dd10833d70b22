package dev.hearth.relay.rtp;

import dev.hearth.relay.wire.Wire;

/**
 * A reusable view of one RTP packet (RFC 3550 section 5.1) with RFC 8285 header extensions, lying in a caller's byte
 * array. {@link #wrap} validates the framing once; getters read and setters write the array in place, so forwarding
 * rewrites a packet without copying it. Not thread-safe: keep one per event loop.
 *
 * <p>Identifiers that are unsigned 32-bit on the wire (SSRC, CSRC, timestamp) are returned as non-negative longs.
 */
public final class RtpPacket {
    public static final int FIXED_HEADER_LENGTH = 12;
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 section 4.3: 0x100 followed by 4 application bits. */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private static final int NOT_FOUND = -1;

    private byte[] array;
    private int offset;
    private int length;
    private int headerLength;
    private int paddingLength;
    private int extensionProfile;
    private int extensionStart;
    private int extensionEnd;

    /** Points this view at {@code a[off, off + len)}; false (and an empty view) when it is not a valid RTP packet. */
    public boolean wrap(byte[] a, int off, int len) {
        array = null;
        if (!Wire.inBounds(a, off, len) || len < FIXED_HEADER_LENGTH || (a[off] & 0xC0) != 0x80) {
            return false;
        }
        int end = off + len;
        int pos = off + FIXED_HEADER_LENGTH + 4 * (a[off] & 0x0F);
        if (pos > end) {
            return false;
        }
        int profile = 0;
        int extStart = pos;
        int extEnd = pos;
        if ((a[off] & 0x10) != 0) {
            if (end - pos < 4) {
                return false;
            }
            profile = Wire.u16(a, pos);
            int words = Wire.u16(a, pos + 2);
            extStart = pos + 4;
            if (4 * words > end - extStart) {
                return false;
            }
            extEnd = extStart + 4 * words;
            pos = extEnd;
        }
        int padding = 0;
        if ((a[off] & 0x20) != 0) {
            padding = a[end - 1] & 0xFF;
            if (padding == 0 || padding > end - pos) {
                return false;
            }
        }
        array = a;
        offset = off;
        length = len;
        headerLength = pos - off;
        paddingLength = padding;
        extensionProfile = profile;
        extensionStart = extStart;
        extensionEnd = extEnd;
        return true;
    }

    public boolean isValid() {
        return array != null;
    }

    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Fixed header, CSRCs and the extension block. */
    public int headerLength() {
        return headerLength;
    }

    public boolean hasPadding() {
        return (array[offset] & 0x20) != 0;
    }

    public int paddingLength() {
        return paddingLength;
    }

    public boolean hasExtension() {
        return (array[offset] & 0x10) != 0;
    }

    public int csrcCount() {
        return array[offset] & 0x0F;
    }

    public long csrc(int index) {
        if (index < 0 || index >= csrcCount()) {
            throw new IndexOutOfBoundsException("CSRC index " + index + " of " + csrcCount());
        }
        return Wire.u32(array, offset + FIXED_HEADER_LENGTH + 4 * index);
    }

    public boolean marker() {
        return (array[offset + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return array[offset + 1] & 0x7F;
    }

    public int sequenceNumber() {
        return Wire.u16(array, offset + 2);
    }

    public long timestamp() {
        return Wire.u32(array, offset + 4);
    }

    public long ssrc() {
        return Wire.u32(array, offset + 8);
    }

    /** Absolute offset of the payload in {@link #array()}. */
    public int payloadOffset() {
        return offset + headerLength;
    }

    /** Payload bytes, padding excluded. */
    public int payloadLength() {
        return length - headerLength - paddingLength;
    }

    public void setMarker(boolean marker) {
        array[offset + 1] = (byte) (marker ? array[offset + 1] | 0x80 : array[offset + 1] & 0x7F);
    }

    public void setPayloadType(int payloadType) {
        if ((payloadType & ~0x7F) != 0) {
            throw new IllegalArgumentException("RTP payload type is 0..127");
        }
        array[offset + 1] = (byte) ((array[offset + 1] & 0x80) | payloadType);
    }

    public void setSequenceNumber(int sequenceNumber) {
        Wire.put16(array, offset + 2, sequenceNumber);
    }

    public void setTimestamp(long timestamp) {
        Wire.put32(array, offset + 4, timestamp);
    }

    public void setSsrc(long ssrc) {
        Wire.put32(array, offset + 8, ssrc);
    }

    /** 0xBEDE (one-byte), 0x100X (two-byte), another profile, or 0 without an extension. */
    public int extensionProfile() {
        return extensionProfile;
    }

    public boolean hasOneByteExtensions() {
        return extensionProfile == ONE_BYTE_PROFILE;
    }

    public boolean hasTwoByteExtensions() {
        return (extensionProfile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /** Absolute offset of the value of the first element with {@code id}, or -1; see {@link #extensionLength}. */
    public int findExtension(int id) {
        return id <= 0 ? NOT_FOUND : walkExtensions(id, null);
    }

    /** Length of the element whose value starts at {@code valueOffset} (as returned by {@link #findExtension}). */
    public int extensionLength(int valueOffset) {
        int lengthByte = array[valueOffset - 1] & 0xFF;
        return hasOneByteExtensions() ? (lengthByte & 0x0F) + 1 : lengthByte;
    }

    /** Calls {@code visitor} for every well-formed element, in order; stops at the first malformed one. */
    public void forEachExtension(RtpExtensionVisitor visitor) {
        walkExtensions(NOT_FOUND, visitor);
    }

    /**
     * Overwrites the value of element {@code id} in place when it exists with exactly {@code len} bytes (e.g. a new
     * transport-wide sequence number); returns false otherwise and leaves the packet untouched.
     */
    public boolean rewriteExtension(int id, byte[] value, int valueOff, int len) {
        int at = findExtension(id);
        if (at < 0 || extensionLength(at) != len) {
            return false;
        }
        System.arraycopy(value, valueOff, array, at, len);
        return true;
    }

    private int walkExtensions(int wanted, RtpExtensionVisitor visitor) {
        if (array == null) {
            return NOT_FOUND;
        }
        boolean oneByte = hasOneByteExtensions();
        if (!oneByte && !hasTwoByteExtensions()) {
            return NOT_FOUND;
        }
        int pos = extensionStart;
        while (pos < extensionEnd) {
            int first = array[pos] & 0xFF;
            if (first == 0) {
                pos++; // padding between elements
                continue;
            }
            int id;
            int len;
            int value;
            if (oneByte) {
                id = first >>> 4;
                if (id == 15) {
                    return NOT_FOUND; // RFC 8285 4.2: reserved, stop processing
                }
                len = (first & 0x0F) + 1;
                value = pos + 1;
            } else {
                if (extensionEnd - pos < 2) {
                    return NOT_FOUND;
                }
                id = first;
                len = array[pos + 1] & 0xFF;
                value = pos + 2;
            }
            if (len > extensionEnd - value) {
                return NOT_FOUND;
            }
            if (id == wanted) {
                return value;
            }
            if (visitor != null) {
                visitor.element(id, array, value, len);
            }
            pos = value + len;
        }
        return NOT_FOUND;
    }
}
