package dev.hearth.relay.rtcp;

import dev.hearth.relay.wire.Wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Generic NACK (RFC 4585 section 6.2.1): lost RTP sequence numbers as (PID, BLP) pairs, where bit i of the bitmask
 * reports PID + i + 1 lost too.
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<Item> items) {
    private static final int ITEM_LENGTH = 4;

    /** One FCI entry: packet id and bitmask of the 16 following lost packets. */
    public record Item(int packetId, int lostBitmask) {
        public Item {
            if ((packetId & ~0xFFFF) != 0 || (lostBitmask & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("NACK PID and BLP are 16-bit fields");
            }
        }
    }

    public GenericNack {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a NACK needs at least one item");
        }
    }

    /**
     * Packs sequence numbers, given in ascending order modulo 2^16 as a loss detector produces them, into as few items
     * as that order allows. Duplicates are dropped.
     */
    public static GenericNack ofSequenceNumbers(long senderSsrc, long mediaSsrc, List<Integer> sequenceNumbers) {
        List<Item> items = new ArrayList<>();
        int packetId = -1;
        int bitmask = 0;
        for (int raw : sequenceNumbers) {
            int sequence = raw & 0xFFFF;
            int distance = packetId < 0 ? -1 : (sequence - packetId) & 0xFFFF;
            if (distance == 0) {
                continue;
            }
            if (distance >= 1 && distance <= 16) {
                bitmask |= 1 << (distance - 1);
                continue;
            }
            if (packetId >= 0) {
                items.add(new Item(packetId, bitmask));
            }
            packetId = sequence;
            bitmask = 0;
        }
        if (packetId >= 0) {
            items.add(new Item(packetId, bitmask));
        }
        return new GenericNack(senderSsrc, mediaSsrc, items);
    }

    /** Every sequence number this NACK reports lost, in item order. */
    public List<Integer> sequenceNumbers() {
        List<Integer> sequences = new ArrayList<>();
        for (Item item : items) {
            sequences.add(item.packetId());
            for (int bit = 0; bit < 16; bit++) {
                if ((item.lostBitmask() & (1 << bit)) != 0) {
                    sequences.add((item.packetId() + bit + 1) & 0xFFFF);
                }
            }
        }
        return sequences;
    }

    /**
     * Calls {@code lost} for every sequence number in the NACK at {@code a[off]} without building a record: the relay
     * answers NACKs from its packet cache on the event loop. Returns how many were reported, or -1 when malformed.
     */
    public static int forEachSequenceNumber(byte[] a, int off, int len, IntConsumer lost) {
        if (!RtcpFeedback.is(a, off, len, RtcpHeader.TRANSPORT_FEEDBACK, RtcpFeedback.FMT_GENERIC_NACK)) {
            return -1;
        }
        int end = off + RtcpHeader.contentLength(a, off, len);
        int reported = 0;
        for (int at = off + RtcpFeedback.HEADER_LENGTH; end - at >= ITEM_LENGTH; at += ITEM_LENGTH) {
            int packetId = Wire.u16(a, at);
            int bitmask = Wire.u16(a, at + 2);
            lost.accept(packetId);
            reported++;
            for (int bit = 0; bit < 16; bit++) {
                if ((bitmask & (1 << bit)) != 0) {
                    lost.accept((packetId + bit + 1) & 0xFFFF);
                    reported++;
                }
            }
        }
        return reported;
    }

    public static GenericNack parse(byte[] a, int off, int len) {
        if (!RtcpFeedback.is(a, off, len, RtcpHeader.TRANSPORT_FEEDBACK, RtcpFeedback.FMT_GENERIC_NACK)) {
            return null;
        }
        int content = RtcpHeader.contentLength(a, off, len);
        int count = (content - RtcpFeedback.HEADER_LENGTH) / ITEM_LENGTH;
        if (count == 0) {
            return null;
        }
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = off + RtcpFeedback.HEADER_LENGTH + i * ITEM_LENGTH;
            items.add(new Item(Wire.u16(a, at), Wire.u16(a, at + 2)));
        }
        return new GenericNack(RtcpFeedback.senderSsrc(a, off), RtcpFeedback.mediaSsrc(a, off), items);
    }

    public int length() {
        return RtcpFeedback.HEADER_LENGTH + items.size() * ITEM_LENGTH;
    }

    public int writeTo(byte[] dst, int off) {
        int length = length();
        RtcpHeader.ensureFits(dst, off, length);
        RtcpFeedback.writeHeader(dst, off, RtcpHeader.TRANSPORT_FEEDBACK, RtcpFeedback.FMT_GENERIC_NACK, length,
                senderSsrc, mediaSsrc);
        for (int i = 0; i < items.size(); i++) {
            int at = off + RtcpFeedback.HEADER_LENGTH + i * ITEM_LENGTH;
            Wire.put16(dst, at, items.get(i).packetId());
            Wire.put16(dst, at + 2, items.get(i).lostBitmask());
        }
        return length;
    }
}
