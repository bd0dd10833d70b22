package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.util.Arrays;
import java.util.List;

/**
 * Accumulates packet arrivals and writes one transport-wide CC feedback packet
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1). Sequence numbers must increase (modulo 2^16) from
 * the base; gaps are reported as not received. Arrival deltas are kept in 250 µs ticks relative to the previous
 * reported arrival (quantised, so errors do not accumulate); the first is relative to the reference time, floored to
 * 64 ms.
 *
 * <p>{@link #add} returns false, leaving the writer unchanged, when a receipt cannot be expressed in this packet (out
 * of order, or a delta beyond ±8.19 s); the caller then writes this packet and starts the next one with that receipt.
 */
public final class TransportCcFeedbackWriter {
    private final long senderSsrc;
    private final long mediaSsrc;
    private final int baseSequenceNumber;
    private final int referenceTime;
    private final int feedbackPacketCount;
    private long lastTimeMicros;
    private byte[] symbols = new byte[64];
    private short[] deltas = new short[64];
    private int statusCount;
    private int deltaCount;
    private int deltaBytes;

    /**
     * @param referenceTimeMicros receiver clock the deltas start from (floored to 64 ms; usually the first arrival)
     * @param feedbackPacketCount the 8-bit count of feedback packets sent, so the sender can detect lost feedback
     */
    public TransportCcFeedbackWriter(long senderSsrc, long mediaSsrc, int baseSequenceNumber, long referenceTimeMicros,
            int feedbackPacketCount) {
        if ((baseSequenceNumber & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("transport sequence numbers are 16-bit");
        }
        if (referenceTimeMicros < 0) {
            throw new IllegalArgumentException("reference time is not negative");
        }
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.baseSequenceNumber = baseSequenceNumber;
        long units = referenceTimeMicros / TransportCc.REFERENCE_MICROS;
        this.referenceTime = (int) (units & 0xFF_FFFF);
        this.lastTimeMicros = units * TransportCc.REFERENCE_MICROS;
        this.feedbackPacketCount = feedbackPacketCount & 0xFF;
    }

    /** Encodes a whole list at once; throws when a receipt does not fit one packet (for tests and simple callers). */
    public static byte[] encode(long senderSsrc, long mediaSsrc, int baseSequenceNumber, long referenceTimeMicros,
            int feedbackPacketCount, List<PacketReceipt> receipts) {
        TransportCcFeedbackWriter writer = new TransportCcFeedbackWriter(
                senderSsrc, mediaSsrc, baseSequenceNumber, referenceTimeMicros, feedbackPacketCount);
        for (PacketReceipt receipt : receipts) {
            if (!writer.add(receipt)) {
                throw new IllegalArgumentException("receipt " + receipt.sequenceNumber() + " does not fit this packet");
            }
        }
        byte[] out = new byte[writer.length()];
        writer.writeTo(out, 0);
        return out;
    }

    public boolean add(PacketReceipt receipt) {
        return receipt.received()
                ? addReceived(receipt.sequenceNumber(), receipt.arrivalTimeMicros())
                : addLost(receipt.sequenceNumber());
    }

    public boolean addReceived(int sequenceNumber, long arrivalTimeMicros) {
        int index = indexOf(sequenceNumber);
        if (index < 0) {
            return false;
        }
        long ticks = Math.floorDiv(arrivalTimeMicros - lastTimeMicros + TransportCc.DELTA_MICROS / 2,
                TransportCc.DELTA_MICROS);
        if (ticks < Short.MIN_VALUE || ticks > Short.MAX_VALUE) {
            return false;
        }
        int symbol = ticks >= 0 && ticks <= 255 ? TransportCc.SMALL_DELTA : TransportCc.LARGE_DELTA;
        append(index, symbol);
        if (deltaCount == deltas.length) {
            deltas = Arrays.copyOf(deltas, deltas.length * 2);
        }
        deltas[deltaCount++] = (short) ticks;
        deltaBytes += symbol == TransportCc.SMALL_DELTA ? 1 : 2;
        lastTimeMicros += ticks * TransportCc.DELTA_MICROS;
        return true;
    }

    public boolean addLost(int sequenceNumber) {
        int index = indexOf(sequenceNumber);
        if (index < 0) {
            return false;
        }
        append(index, TransportCc.NOT_RECEIVED);
        return true;
    }

    /** Packet statuses so far (the base through the highest sequence added). */
    public int packetStatusCount() {
        return statusCount;
    }

    /** Bytes {@link #writeTo} will write, padding included. */
    public int length() {
        int unpadded = TransportCc.FIXED_LENGTH + 2 * countChunks() + deltaBytes;
        return (unpadded + 3) & ~3;
    }

    /** Writes the packet; at least one receipt must have been added (receivers reject empty feedback). */
    public int writeTo(byte[] dst, int off) {
        if (statusCount == 0) {
            throw new IllegalStateException("transport-wide CC feedback needs at least one packet");
        }
        int length = length();
        RtcpHeader.ensureFits(dst, off, length);
        RtcpFeedback.writeHeader(dst, off, RtcpHeader.TRANSPORT_FEEDBACK, RtcpFeedback.FMT_TRANSPORT_CC, length,
                senderSsrc, mediaSsrc);
        int fci = off + RtcpFeedback.HEADER_LENGTH;
        Wire.put16(dst, fci, baseSequenceNumber);
        Wire.put16(dst, fci + 2, statusCount);
        dst[fci + 4] = (byte) (referenceTime >>> 16);
        dst[fci + 5] = (byte) (referenceTime >>> 8);
        dst[fci + 6] = (byte) referenceTime;
        dst[fci + 7] = (byte) feedbackPacketCount;
        int pos = fci + TransportCc.FCI_FIXED_LENGTH;
        for (int i = 0; i < statusCount; ) {
            int chunk = nextChunk(i);
            Wire.put16(dst, pos, chunk & 0xFFFF);
            pos += 2;
            i += chunk >>> 16;
        }
        for (int i = 0; i < deltaCount; i++) {
            short delta = deltas[i];
            if (delta >= 0 && delta <= 255) {
                dst[pos++] = (byte) delta;
            } else {
                Wire.put16(dst, pos, delta);
                pos += 2;
            }
        }
        int padding = off + length - pos;
        if (padding > 0) {
            Arrays.fill(dst, pos, off + length, (byte) 0);
            dst[off + length - 1] = (byte) padding;
            dst[off] |= 0x20;
        }
        return length;
    }

    private int indexOf(int sequenceNumber) {
        int index = (sequenceNumber - baseSequenceNumber) & 0xFFFF;
        // 0xFFFF would make the 16-bit status count overflow to zero.
        return index < statusCount || index == 0xFFFF ? -1 : index;
    }

    private void append(int index, int symbol) {
        if (index >= symbols.length) {
            symbols = Arrays.copyOf(symbols, Math.max(symbols.length * 2, index + 1));
        }
        Arrays.fill(symbols, statusCount, index, (byte) TransportCc.NOT_RECEIVED);
        symbols[index] = (byte) symbol;
        statusCount = index + 1;
    }

    private int countChunks() {
        int chunks = 0;
        for (int i = 0; i < statusCount; chunks++) {
            i += nextChunk(i) >>> 16;
        }
        return chunks;
    }

    /**
     * Chooses the chunk that starts at symbol {@code i}: a run when the run is long (or ends the list), otherwise a
     * status vector, one-bit when no large delta is near. Returns symbols consumed << 16 | the 16-bit chunk.
     */
    private int nextChunk(int i) {
        int remaining = statusCount - i;
        int symbol = symbols[i];
        int run = 1;
        while (run < remaining && run < TransportCc.MAX_RUN_LENGTH && symbols[i + run] == symbol) {
            run++;
        }
        if (run >= TransportCc.ONE_BIT_CAPACITY || run == remaining) {
            return (run << 16) | (symbol << 13) | run;
        }
        int window = Math.min(TransportCc.ONE_BIT_CAPACITY, remaining);
        boolean oneBit = true;
        for (int k = 0; k < window && oneBit; k++) {
            oneBit = symbols[i + k] != TransportCc.LARGE_DELTA;
        }
        if (oneBit) {
            int chunk = 0x8000;
            for (int k = 0; k < window; k++) {
                chunk |= symbols[i + k] << (13 - k);
            }
            return (window << 16) | chunk;
        }
        if (run >= TransportCc.TWO_BIT_CAPACITY) {
            return (run << 16) | (symbol << 13) | run;
        }
        int consumed = Math.min(TransportCc.TWO_BIT_CAPACITY, remaining);
        int chunk = 0xC000;
        for (int k = 0; k < consumed; k++) {
            chunk |= symbols[i + k] << (12 - 2 * k);
        }
        return (consumed << 16) | chunk;
    }
}
