package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

/**
 * Walks the packets of a compound RTCP datagram (RFC 3550 section 6.1) in place. Iteration stops cleanly at the first
 * packet whose header is not version 2 or whose length runs past the datagram; {@link #malformed()} then says so, and
 * the packets already returned remain valid. Reusable; not thread-safe.
 */
public final class RtcpCompoundIterator {
    private byte[] array;
    private int next;
    private int end;
    private int packetOffset;
    private int packetLength;
    private boolean malformed;

    public RtcpCompoundIterator wrap(byte[] a, int off, int len) {
        malformed = !Wire.inBounds(a, off, len);
        array = malformed ? null : a;
        next = off;
        end = malformed ? off : off + len;
        packetOffset = -1;
        packetLength = 0;
        return this;
    }

    /** Advances to the next packet; false at the end or on a malformed header. */
    public boolean next() {
        if (array == null || next >= end) {
            return false;
        }
        int remaining = end - next;
        if (remaining < RtcpHeader.LENGTH || RtcpHeader.contentLength(array, next, remaining) < 0) {
            malformed = true;
            array = null;
            return false;
        }
        packetOffset = next;
        packetLength = RtcpHeader.packetLength(array, next);
        next += packetLength;
        return true;
    }

    /** True when iteration stopped on bytes that are not a well-formed RTCP packet. */
    public boolean malformed() {
        return malformed;
    }

    public int packetOffset() {
        return packetOffset;
    }

    /** Length of the current packet including its header and padding. */
    public int packetLength() {
        return packetLength;
    }

    public int packetType() {
        return RtcpHeader.packetType(array, packetOffset);
    }

    /** Report or source count, or the FMT of a feedback packet. */
    public int count() {
        return RtcpHeader.count(array, packetOffset);
    }
}
