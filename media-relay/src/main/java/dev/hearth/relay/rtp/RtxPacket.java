package dev.hearth.relay.rtp;

import dev.hearth.relay.wire.Wire;

/**
 * RTP retransmission payload format (RFC 4588 section 4): the original sequence number (OSN) is prepended to the
 * original payload, and the packet travels on the RTX SSRC and payload type with its own sequence numbers.
 */
public final class RtxPacket {
    public static final int OSN_LENGTH = 2;

    private RtxPacket() {
    }

    /**
     * Writes an RTX packet for {@code original} at {@code dst[offset]} and returns its length. The header and
     * extensions are copied; padding is dropped (RFC 4588 section 4).
     */
    public static int encapsulate(RtpPacket original, int rtxPayloadType, long rtxSsrc, int rtxSequenceNumber,
            byte[] dst, int offset) {
        int header = original.headerLength();
        int payload = original.payloadLength();
        int total = header + OSN_LENGTH + payload;
        if (!Wire.inBounds(dst, offset, total)) {
            throw new IllegalArgumentException("RTX packet of " + total + " bytes does not fit in the output buffer");
        }
        byte[] src = original.array();
        int osn = original.sequenceNumber();
        // Payload first: when dst is the source array (retransmitting in place) the header must still be intact.
        System.arraycopy(src, original.payloadOffset(), dst, offset + header + OSN_LENGTH, payload);
        System.arraycopy(src, original.offset(), dst, offset, header);
        Wire.put16(dst, offset + header, osn);
        dst[offset] = (byte) (dst[offset] & ~0x20);
        dst[offset + 1] = (byte) ((dst[offset + 1] & 0x80) | (rtxPayloadType & 0x7F));
        Wire.put16(dst, offset + 2, rtxSequenceNumber);
        Wire.put32(dst, offset + 8, rtxSsrc);
        return total;
    }

    /**
     * Restores the original packet in place: the header moves forward over the OSN, so the original packet then starts
     * two bytes later. On success {@code rtx} is re-wrapped onto the original packet; false (packet untouched) when
     * the payload has no OSN, as with padding-only bandwidth probes.
     */
    public static boolean decapsulate(RtpPacket rtx, int originalPayloadType, long originalSsrc) {
        if (!rtx.isValid() || rtx.payloadLength() < OSN_LENGTH) {
            return false;
        }
        byte[] a = rtx.array();
        int offset = rtx.offset();
        int osn = Wire.u16(a, rtx.payloadOffset());
        System.arraycopy(a, offset, a, offset + OSN_LENGTH, rtx.headerLength());
        int newOffset = offset + OSN_LENGTH;
        int newLength = rtx.length() - OSN_LENGTH;
        if (!rtx.wrap(a, newOffset, newLength)) {
            return false;
        }
        rtx.setSequenceNumber(osn);
        rtx.setPayloadType(originalPayloadType);
        rtx.setSsrc(originalSsrc);
        return true;
    }
}
