package dev.hearth.relay.rtcp;

/**
 * What transport-wide congestion control reports for one transport sequence number: whether it arrived, and when
 * (microseconds on the receiver's clock; meaningless when not received).
 */
public record PacketReceipt(int sequenceNumber, boolean received, long arrivalTimeMicros) {
    public PacketReceipt {
        if ((sequenceNumber & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("transport sequence numbers are 16-bit");
        }
    }

    public static PacketReceipt received(int sequenceNumber, long arrivalTimeMicros) {
        return new PacketReceipt(sequenceNumber, true, arrivalTimeMicros);
    }

    public static PacketReceipt lost(int sequenceNumber) {
        return new PacketReceipt(sequenceNumber, false, 0);
    }
}
