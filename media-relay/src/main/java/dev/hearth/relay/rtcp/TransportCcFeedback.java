package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed transport-wide congestion control feedback packet (RTPFB FMT 15,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1). {@code referenceTime} is the signed 24-bit field in
 * 64 ms units; each receipt's arrival time is that reference plus the accumulated 250 µs deltas. Build one with
 * {@link TransportCcFeedbackWriter}.
 */
public record TransportCcFeedback(long senderSsrc, long mediaSsrc, int baseSequenceNumber, int referenceTime,
        int feedbackPacketCount, List<PacketReceipt> receipts) {

    public TransportCcFeedback {
        receipts = List.copyOf(receipts);
    }

    public static TransportCcFeedback parse(byte[] a, int off, int len) {
        if (!RtcpFeedback.is(a, off, len, RtcpHeader.TRANSPORT_FEEDBACK, RtcpFeedback.FMT_TRANSPORT_CC)) {
            return null;
        }
        int end = off + RtcpHeader.contentLength(a, off, len);
        int fci = off + RtcpFeedback.HEADER_LENGTH;
        if (end - fci < TransportCc.FCI_FIXED_LENGTH) {
            return null;
        }
        int base = Wire.u16(a, fci);
        int statusCount = Wire.u16(a, fci + 2);
        int reference = (((a[fci + 4] & 0xFF) << 16) | ((a[fci + 5] & 0xFF) << 8) | (a[fci + 6] & 0xFF)) << 8 >> 8;
        int feedbackCount = a[fci + 7] & 0xFF;

        byte[] symbols = new byte[statusCount];
        int pos = fci + TransportCc.FCI_FIXED_LENGTH;
        int filled = 0;
        while (filled < statusCount) {
            if (end - pos < 2) {
                return null;
            }
            filled = readChunk(Wire.u16(a, pos), symbols, filled);
            if (filled < 0) {
                return null;
            }
            pos += 2;
        }

        List<PacketReceipt> receipts = new ArrayList<>(statusCount);
        long time = reference * TransportCc.REFERENCE_MICROS;
        for (int i = 0; i < statusCount; i++) {
            int sequence = (base + i) & 0xFFFF;
            int symbol = symbols[i];
            if (symbol == TransportCc.NOT_RECEIVED) {
                receipts.add(PacketReceipt.lost(sequence));
                continue;
            }
            int deltaLength = symbol == TransportCc.SMALL_DELTA ? 1 : 2;
            if (end - pos < deltaLength) {
                return null;
            }
            long delta = deltaLength == 1 ? a[pos] & 0xFF : (short) Wire.u16(a, pos);
            pos += deltaLength;
            time += delta * TransportCc.DELTA_MICROS;
            receipts.add(PacketReceipt.received(sequence, time));
        }
        return new TransportCcFeedback(RtcpFeedback.senderSsrc(a, off), RtcpFeedback.mediaSsrc(a, off), base,
                reference, feedbackCount, receipts);
    }

    /** Expands one packet status chunk into {@code symbols[from..]}; returns the new fill level or -1 if invalid. */
    private static int readChunk(int chunk, byte[] symbols, int from) {
        int room = symbols.length - from;
        if ((chunk & 0x8000) == 0) {
            int symbol = (chunk >>> 13) & 0x03;
            int run = chunk & TransportCc.MAX_RUN_LENGTH;
            if (symbol == 3 || run == 0) {
                return -1;
            }
            int n = Math.min(run, room);
            for (int i = 0; i < n; i++) {
                symbols[from + i] = (byte) symbol;
            }
            return from + n;
        }
        boolean twoBit = (chunk & 0x4000) != 0;
        int capacity = twoBit ? TransportCc.TWO_BIT_CAPACITY : TransportCc.ONE_BIT_CAPACITY;
        int n = Math.min(capacity, room);
        for (int i = 0; i < n; i++) {
            int symbol = twoBit ? (chunk >>> (12 - 2 * i)) & 0x03 : (chunk >>> (13 - i)) & 0x01;
            if (symbol == 3) {
                return -1;
            }
            symbols[from + i] = (byte) symbol;
        }
        return from + n;
    }
}
