package dev.hearth.relay.transport;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the SFU sees of one WebRTC transport (one ICE/DTLS-SRTP session, BUNDLE of all its m-lines).
 * Every method is called on the relay's packet event loop, the same thread that delivers
 * {@link MediaTransportListener} callbacks, so the packet path needs no locks.
 */
public interface MediaTransport {

    /** Random id for logs and maps; says nothing about the participant. */
    String id();

    /** This side's ICE credentials, for the SDP the relay sends. */
    IceParameters localIce();

    /** The relay's DTLS certificate fingerprint as an SDP value, e.g. {@code "sha-256 AB:CD:…"}. */
    String localFingerprint();

    /** Host candidates to advertise: the relay's one UDP port on each usable address. */
    List<InetSocketAddress> candidates();

    /** Passive ICE-TCP candidates to advertise (RFC 6544): the relay's TCP port on each address; empty when off. */
    default List<InetSocketAddress> tcpCandidates() {
        return List.of();
    }

    /**
     * The client's ICE credentials and DTLS fingerprint from its SDP (offer for publish, answer for
     * subscribe). ICE checks and DTLS are only accepted after this. Throws IllegalArgumentException
     * for a malformed fingerprint.
     */
    void setRemote(IceParameters remoteIce, String remoteFingerprint);

    /** New local ICE credentials (ICE restart); the selected 5-tuple is kept until a new one is nominated. */
    IceParameters restartIce();

    /** True once ICE selected a 5-tuple and DTLS produced SRTP keys. */
    boolean isConnected();

    /**
     * Encrypts a plain RTP packet and sends it. The transport may encrypt in the caller's array (which
     * must have {@link #SEND_HEADROOM} spare bytes after {@code length}) or in a copy, so the caller must
     * not rely on the content afterwards; it never keeps the array. Returns false (and drops) when not
     * connected.
     */
    boolean sendRtp(byte[] array, int offset, int length);

    /**
     * Sends a plain RTP packet that {@code writer} writes straight into this transport's send buffer, where it is
     * then encrypted in place: the forwarder's rewrite is the packet's only copy on its way to the socket. Returns
     * false (and sends nothing) when not connected or when the writer reports that the packet does not fit.
     * The default writes into a new array, good enough for test doubles.
     *
     * @param maxLength the most bytes the writer may write (the transport adds {@link #SEND_HEADROOM} for SRTP)
     */
    default boolean sendRtp(PacketWriter writer, int maxLength) {
        byte[] packet = new byte[maxLength + SEND_HEADROOM];
        int length = writer.write(packet, 0, maxLength);
        return length >= 0 && sendRtp(packet, 0, length);
    }

    /** Writes one plain packet for {@link #sendRtp(PacketWriter, int)}. */
    @FunctionalInterface
    interface PacketWriter {
        /** Writes at {@code array[offset]}, at most {@code capacity} bytes; returns the length, or -1: it does not fit. */
        int write(byte[] array, int offset, int capacity);
    }

    /** Same as {@link #sendRtp} for a plain (compound) RTCP packet. */
    boolean sendRtcp(byte[] array, int offset, int length);

    /** Closes ICE, DTLS and SRTP state at once; no packet is sent or delivered after this returns. */
    void close();

    /** Spare bytes a caller leaves after a packet for the SRTP/SRTCP auth tag and SRTCP index. */
    int SEND_HEADROOM = 16 + 4;
}
