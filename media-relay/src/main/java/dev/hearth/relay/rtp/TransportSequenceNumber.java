package dev.hearth.relay.rtp;

import dev.hearth.relay.wire.Wire;

/** The transport-wide sequence number extension (draft-holmer-rmcat-transport-wide-cc-extensions-01): 16 bits. */
public final class TransportSequenceNumber {
    public static final String URI =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final int LENGTH = 2;

    private TransportSequenceNumber() {
    }

    /** The sequence number carried under {@code id}, or -1 when absent or of the wrong size. */
    public static int read(RtpPacket packet, int id) {
        int at = packet.findExtension(id);
        return at < 0 || packet.extensionLength(at) != LENGTH ? -1 : Wire.u16(packet.array(), at);
    }

    /** Rewrites the sequence number in place (the relay numbers its own sends); false when the element is absent. */
    public static boolean rewrite(RtpPacket packet, int id, int sequenceNumber) {
        int at = packet.findExtension(id);
        if (at < 0 || packet.extensionLength(at) != LENGTH) {
            return false;
        }
        Wire.put16(packet.array(), at, sequenceNumber);
        return true;
    }

    public static byte[] encode(int sequenceNumber) {
        byte[] value = new byte[LENGTH];
        Wire.put16(value, 0, sequenceNumber);
        return value;
    }
}
