/**
 * The relay's WebRTC transports on one UDP port (a socket per local address) and one passive ICE-TCP port.
 *
 * <p>Contract for the SFU: {@link dev.hearth.relay.transport.TransportFactory},
 * {@link dev.hearth.relay.transport.MediaTransport}, {@link dev.hearth.relay.transport.MediaTransportListener}.
 * Implementation: {@link dev.hearth.relay.transport.UdpMediaServer} (the Netty port, one or more packet loops, see {@code PacketLoop}) creates
 * {@code RelayTransport}s (ICE-lite, DTLS-SRTP, SRTP).
 *
 * <p>Packet path, each stage counting its drops ({@link dev.hearth.relay.transport.PacketCounters}):
 * <ol>
 *   <li>{@code RelayPacketHandler} (a UDP socket) or {@code IceTcpConnection} (an RFC 4571 frame of an ICE-TCP
 *       connection) hands the packet and its path to {@code PacketRouter}: size check, RFC 7983 demux
 *       ({@link dev.hearth.relay.transport.PacketKind});</li>
 *   <li>route: STUN by the local ufrag in USERNAME, anything else by the path ({@code PacketPath}) and remote
 *       address, which is only known once it passed an ICE check on that path (unknown = unverified = dropped).
 *       Everything a pair sends leaves through the path its check came in on;</li>
 *   <li>{@code RelayTransport}: ICE check and answer | copy into the DTLS queue | SRTP/SRTCP unprotect in
 *       place;</li>
 *   <li>{@link dev.hearth.relay.transport.MediaTransportListener}.</li>
 * </ol>
 *
 * <p>Buffer ownership. Inbound: the channel allocates the datagram, the handler owns it from
 * {@code channelRead} and releases it in a {@code finally} once the transport and listener returned; they only
 * borrow the bytes. With NIO the datagram is read into a pooled heap buffer and decrypted in place; with epoll
 * (whose recvmsg needs native memory) it is copied once into the loop's scratch array. DTLS datagrams are
 * copied into a fresh array because a DTLS thread reads them later. A packet handed to its transport's loop by
 * another loop is retained by the reader and released by the owner loop once routed. Outbound: the sender
 * allocates a pooled heap buffer of exactly {@code length + SEND_HEADROOM} (or the DTLS/STUN length; the forwarder
 * rewrites straight into it), and {@code write} hands it to the channel, which releases it after the write or on
 * failure; the loop flushes once after the work at hand ({@code DeferredFlush}); a buffer that fails SRTP
 * protection is released by the sender before it is ever written.
 *
 * <p>Replaced clients. {@code setRemote} with a DTLS fingerprint other than the running session's means a new
 * client on the same transport (a reloaded page's new peer connection): the old DTLS session and its SRTP keys
 * are dropped, the next ClientHello starts a fresh handshake, and the listener hears {@code onConnected} again.
 * Only a ClientHello opens a session, and a replaced session's late close_notify neither closes the transport
 * nor reaches the new client.
 *
 * <p>Threading. ICE state and SRTP contexts belong to the transport's packet loop; the routing maps are
 * concurrent (read lock-free by whichever loop read a packet; a packet for another loop's transport is handed
 * over). DTLS handshakes run on
 * DTLS threads; their results hop to the loop. Control calls made off the loop ({@code create},
 * {@code setRemote}, {@code restartIce}) wait for the loop; {@code close} does not wait but stops delivery at
 * once.
 */
package dev.hearth.relay.transport;
