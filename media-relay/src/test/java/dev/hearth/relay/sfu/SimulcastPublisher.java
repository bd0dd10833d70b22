package dev.hearth.relay.sfu;

import dev.hearth.relay.rtp.RtpPacketWriter;
import dev.hearth.relay.rtp.TransportSequenceNumber;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The video a browser sends with three rid simulcast layers "q", "h", "f": per layer its own SSRC, sequence numbers
 * and (independently random) timestamps, VP8 with 15-bit picture ids and TL0PICIDX, and the mid and rid extensions
 * on every packet. The last payload byte names the layer, so a test can tell which layer a forwarded packet came
 * from.
 */
final class SimulcastPublisher {
    static final String[] RIDS = {"q", "h", "f"};
    static final long[] SSRCS = {0x1001, 0x1002, 0x1003};
    static final int[][] SIZES = {{320, 180}, {640, 360}, {1280, 720}};

    private final long[] ssrcs;
    private final int[] sequence = {100, 30_000, 65_500};
    private final long[] timestamp = {1_000, 3_000_000_000L, 90_000};
    private final int[] pictureId = {7, 20_000, 32_760};
    private final int[] tl0 = {3, 100, 250};
    private int transportSequence;

    SimulcastPublisher() {
        this(SSRCS);
    }

    /** Another peer connection's camera (a reloaded page): its own SSRCs, its transport-wide sequence from 0. */
    SimulcastPublisher(long[] ssrcs) {
        this.ssrcs = ssrcs.clone();
    }

    private boolean midAndRid = true;

    /**
     * Stops putting the mid and rid extensions on the packets, as Chromium does once the receiver's reports have
     * acknowledged its SSRCs.
     */
    SimulcastPublisher withoutMidAndRid() {
        midAndRid = false;
        return this;
    }

    /** One frame of {@code layer}: {@code packets} packets of {@code size} payload bytes. */
    List<byte[]> frame(int layer, boolean key, int packets, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p < packets; p++) {
            byte[] payload = new byte[Math.max(16, size)];
            payload[0] = (byte) (0x80 | (p == 0 ? 0x10 : 0)); // X, S on the first packet, partition 0
            payload[1] = (byte) 0xC0; // I, L
            payload[2] = (byte) (0x80 | (pictureId[layer] >>> 8));
            payload[3] = (byte) pictureId[layer];
            payload[4] = (byte) tl0[layer];
            if (p == 0) {
                payload[5] = (byte) (key ? 0x00 : 0x01);
                if (key) {
                    payload[8] = (byte) 0x9D;
                    payload[9] = 0x01;
                    payload[10] = 0x2A;
                    payload[11] = (byte) SIZES[layer][0];
                    payload[12] = (byte) (SIZES[layer][0] >>> 8);
                    payload[13] = (byte) SIZES[layer][1];
                    payload[14] = (byte) (SIZES[layer][1] >>> 8);
                }
            }
            payload[payload.length - 1] = (byte) layer;
            RtpPacketWriter writer = new RtpPacketWriter().ssrc(ssrcs[layer]).payloadType(ClientSdp.VP8_PT)
                    .sequenceNumber(sequence[layer]).timestamp(timestamp[layer]).marker(p == packets - 1)
                    .extension(ClientSdp.TRANSPORT_CC_ID, TransportSequenceNumber.encode(transportSequence));
            if (midAndRid) {
                writer.extension(ClientSdp.MID_ID, new byte[] {'v'})
                        .extension(ClientSdp.RID_ID, RIDS[layer].getBytes(StandardCharsets.US_ASCII));
            }
            out.add(writer.payload(payload).toBytes());
            sequence[layer] = (sequence[layer] + 1) & 0xFFFF;
            transportSequence = (transportSequence + 1) & 0xFFFF;
        }
        timestamp[layer] = (timestamp[layer] + 3000) & 0xFFFF_FFFFL;
        pictureId[layer] = (pictureId[layer] + 1) & 0x7FFF;
        tl0[layer] = (tl0[layer] + 1) & 0xFF;
        return out;
    }

    /** What a forwarded VP8 packet says: its layer (last byte), picture id and TL0PICIDX. */
    record Forwarded(long ssrc, int sequence, long timestamp, int layer, int pictureId, int tl0, boolean startsFrame) {
        static Forwarded of(byte[] packet) {
            dev.hearth.relay.rtp.RtpPacket rtp = new dev.hearth.relay.rtp.RtpPacket();
            if (!rtp.wrap(packet, 0, packet.length)) {
                throw new AssertionError("relay sent malformed RTP");
            }
            byte[] a = rtp.array();
            int at = rtp.payloadOffset();
            int pid = ((a[at + 2] & 0x7F) << 8) | (a[at + 3] & 0xFF);
            return new Forwarded(rtp.ssrc(), rtp.sequenceNumber(), rtp.timestamp(),
                    a[at + rtp.payloadLength() - 1], pid, a[at + 4] & 0xFF, (a[at] & 0x10) != 0);
        }
    }
}
