package dev.hearth.relay.srtp;

/** Builders for plain RTP and RTCP test packets. */
final class SrtpPackets {

    private SrtpPackets() {
    }

    /** A version-2 RTP packet, payload type 111, with a payload whose bytes depend on the sequence number. */
    static byte[] rtp(int seq, int ssrc, int payloadLength) {
        byte[] packet = new byte[12 + payloadLength];
        packet[0] = (byte) 0x80;
        packet[1] = 111;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        PacketBytes.writeInt(packet, 4, seq * 960);
        PacketBytes.writeInt(packet, 8, ssrc);
        for (int i = 0; i < payloadLength; i++) {
            packet[12 + i] = (byte) (seq + i);
        }
        return packet;
    }

    /** An RTCP receiver report from {@code ssrc} with one report block. */
    static byte[] rtcp(int ssrc) {
        byte[] packet = new byte[32];
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 201;
        packet[3] = 7;
        PacketBytes.writeInt(packet, 4, ssrc);
        for (int i = 8; i < packet.length; i++) {
            packet[i] = (byte) (i * 7);
        }
        return packet;
    }
}
