package dev.hearth.relay.transport;

import dev.hearth.relay.ice.LocalCandidate;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/**
 * One of the relay's sockets as the packet code sees it: a UDP socket bound to one address, or one accepted
 * ICE-TCP connection. A pair remembers the path its check arrived on, and everything for that pair (STUN
 * answers, DTLS, SRTP) leaves through it, so the client sees answers come from the address it checked. Routing
 * of non-STUN packets is per path too, by the client address. Everything but {@link #sendFromAnyThread} runs on
 * the packet event loop.
 */
interface PacketPath extends LocalCandidate {

    /**
     * A pooled heap buffer with room for {@code payload} bytes (and whatever framing the path needs), its
     * writer index where the payload starts. Owner: the caller, until {@link #send} takes it.
     */
    ByteBuf allocate(int payload);

    /** Sends a buffer from {@link #allocate} holding one packet; the path owns it from here. On the loop. */
    void send(ByteBuf buffer, InetSocketAddress remote);

    /** {@link #send} for DTLS threads: a failed write is recorded on its promise, never thrown anywhere. */
    void sendFromAnyThread(ByteBuf buffer, InetSocketAddress remote);

    /** False while the path cannot take more (a TCP connection whose client reads too slowly): drop instead. */
    boolean writable();

    /** The transport that validated {@code remote} on this path, or null: unverified. */
    RelayTransport route(InetSocketAddress remote);

    /** Whether a check for {@code transport} may validate a pair on this path (an ICE-TCP connection serves one). */
    boolean accepts(RelayTransport transport);

    /** Routes {@code remote} on this path to {@code transport}, whose check it just passed. */
    void bind(InetSocketAddress remote, RelayTransport transport);

    /** Forgets {@code remote}'s route if it is {@code transport}'s (consent lost, evicted, transport closed). */
    void unbind(InetSocketAddress remote, RelayTransport transport);
}
