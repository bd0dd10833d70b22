package dev.hearth.relay.stun;

import dev.hearth.relay.wire.Wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes one STUN message into a caller-supplied array. Attributes are appended in call order and the header length
 * is kept current after each, so MESSAGE-INTEGRITY and FINGERPRINT (which must come last, in that order) cover exactly
 * what precedes them. Reusable via {@link #wrap}; not thread-safe.
 *
 * <p>A buffer too small for the message is a programming error and raises {@link IllegalArgumentException}.
 */
public final class StunMessageWriter {
    private final StunIntegrity integrity = new StunIntegrity();
    private byte[] dst;
    private int start;
    private int limit;
    private int pos;
    private byte padding;

    public StunMessageWriter wrap(byte[] dst, int offset, int capacity) {
        if (!Wire.inBounds(dst, offset, capacity)) {
            throw new IllegalArgumentException("STUN output range lies outside the array");
        }
        this.dst = dst;
        this.start = offset;
        this.limit = offset + capacity;
        this.pos = -1;
        this.padding = 0;
        return this;
    }

    /** The byte used to pad attributes to 4 bytes (0 by default; RFC 5769 vectors use 0x20). */
    public StunMessageWriter padWith(byte value) {
        this.padding = value;
        return this;
    }

    public StunMessageWriter begin(int messageType, byte[] transactionId, int transactionIdOffset) {
        if (!Wire.inBounds(transactionId, transactionIdOffset, StunMessages.TRANSACTION_ID_LENGTH)) {
            throw new IllegalArgumentException("STUN transaction id needs 12 bytes");
        }
        if ((messageType & ~0x3FFF) != 0) {
            throw new IllegalArgumentException("STUN message type has only 14 bits");
        }
        if (dst == null) {
            throw new IllegalStateException("wrap() a buffer before begin()");
        }
        pos = start;
        ensure(StunMessages.HEADER_LENGTH);
        Wire.put16(dst, pos, messageType);
        Wire.put16(dst, pos + 2, 0);
        Wire.put32(dst, pos + 4, StunMessages.MAGIC_COOKIE);
        System.arraycopy(transactionId, transactionIdOffset, dst, pos + 8, StunMessages.TRANSACTION_ID_LENGTH);
        pos += StunMessages.HEADER_LENGTH;
        return this;
    }

    public StunMessageWriter attribute(int type, byte[] value, int valueOff, int valueLen) {
        int at = attributeHeader(type, valueLen);
        System.arraycopy(value, valueOff, dst, at, valueLen);
        return finishAttribute(at, valueLen);
    }

    public StunMessageWriter username(String username) {
        byte[] bytes = username.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > StunAttributes.MAX_USERNAME_LENGTH) {
            throw new IllegalArgumentException("STUN USERNAME is limited to 512 bytes");
        }
        return attribute(StunAttributes.USERNAME, bytes, 0, bytes.length);
    }

    public StunMessageWriter software(String software) {
        byte[] bytes = software.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > StunAttributes.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("STUN SOFTWARE is limited to 762 bytes");
        }
        return attribute(StunAttributes.SOFTWARE, bytes, 0, bytes.length);
    }

    public StunMessageWriter priority(long priority) {
        int at = attributeHeader(StunAttributes.PRIORITY, 4);
        Wire.put32(dst, at, priority);
        return finishAttribute(at, 4);
    }

    public StunMessageWriter useCandidate() {
        return finishAttribute(attributeHeader(StunAttributes.USE_CANDIDATE, 0), 0);
    }

    public StunMessageWriter iceRole(IceRole role, long tieBreaker) {
        int type = role == IceRole.CONTROLLING ? StunAttributes.ICE_CONTROLLING : StunAttributes.ICE_CONTROLLED;
        int at = attributeHeader(type, 8);
        Wire.put64(dst, at, tieBreaker);
        return finishAttribute(at, 8);
    }

    public StunMessageWriter xorMappedAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("XOR-MAPPED-ADDRESS needs a resolved address");
        }
        return xorMappedAddress(ip.getAddress(), address.getPort());
    }

    /** {@code address} is 4 (IPv4) or 16 (IPv6) bytes in network order. */
    public StunMessageWriter xorMappedAddress(byte[] address, int port) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("XOR-MAPPED-ADDRESS takes a 4 or 16 byte address");
        }
        int valueLen = 4 + address.length;
        int at = attributeHeader(StunAttributes.XOR_MAPPED_ADDRESS, valueLen);
        dst[at] = 0;
        dst[at + 1] = (byte) (address.length == 4 ? 0x01 : 0x02);
        Wire.put16(dst, at + 2, (port & 0xFFFF) ^ (StunMessages.MAGIC_COOKIE >>> 16));
        for (int i = 0; i < address.length; i++) {
            // The key is the magic cookie followed by the transaction id, i.e. header bytes 4..19.
            dst[at + 4 + i] = (byte) (address[i] ^ dst[start + 4 + i]);
        }
        return finishAttribute(at, valueLen);
    }

    public StunMessageWriter errorCode(int code, String reason) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("STUN error codes are 300-699");
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (text.length > StunAttributes.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("STUN reason phrase is limited to 762 bytes");
        }
        int at = attributeHeader(StunAttributes.ERROR_CODE, 4 + text.length);
        dst[at] = 0;
        dst[at + 1] = 0;
        dst[at + 2] = (byte) (code / 100);
        dst[at + 3] = (byte) (code % 100);
        System.arraycopy(text, 0, dst, at + 4, text.length);
        return finishAttribute(at, 4 + text.length);
    }

    public StunMessageWriter unknownAttributes(int[] types) {
        int at = attributeHeader(StunAttributes.UNKNOWN_ATTRIBUTES, 2 * types.length);
        for (int i = 0; i < types.length; i++) {
            Wire.put16(dst, at + 2 * i, types[i]);
        }
        return finishAttribute(at, 2 * types.length);
    }

    /** Appends MESSAGE-INTEGRITY computed with {@code key} (short-term credential: the password's UTF-8 bytes). */
    public StunMessageWriter messageIntegrity(byte[] key) {
        int header = pos;
        int at = attributeHeader(StunAttributes.MESSAGE_INTEGRITY, StunIntegrity.HMAC_LENGTH);
        setBodyLength(at + StunIntegrity.HMAC_LENGTH);
        if (!integrity.hmac(key, dst, start, header, dst, at)) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY needs a non-empty key");
        }
        return finishAttribute(at, StunIntegrity.HMAC_LENGTH);
    }

    public StunMessageWriter fingerprint() {
        int header = pos;
        int at = attributeHeader(StunAttributes.FINGERPRINT, 4);
        setBodyLength(at + 4);
        Wire.put32(dst, at, integrity.fingerprint(dst, start, header));
        return finishAttribute(at, 4);
    }

    /** Total bytes written so far, header included. */
    public int length() {
        if (pos < 0) {
            throw new IllegalStateException("begin() a message first");
        }
        return pos - start;
    }

    private int attributeHeader(int type, int valueLen) {
        if (pos < 0) {
            throw new IllegalStateException("begin() a message first");
        }
        ensure(4 + ((valueLen + 3) & ~3));
        Wire.put16(dst, pos, type);
        Wire.put16(dst, pos + 2, valueLen);
        return pos + 4;
    }

    private StunMessageWriter finishAttribute(int valueAt, int valueLen) {
        int end = valueAt + ((valueLen + 3) & ~3);
        for (int i = valueAt + valueLen; i < end; i++) {
            dst[i] = padding;
        }
        pos = end;
        setBodyLength(end);
        return this;
    }

    private void setBodyLength(int end) {
        Wire.put16(dst, start + 2, end - start - StunMessages.HEADER_LENGTH);
    }

    private void ensure(int bytes) {
        if (bytes > limit - pos) {
            throw new IllegalArgumentException("STUN message does not fit in the output buffer");
        }
    }
}
