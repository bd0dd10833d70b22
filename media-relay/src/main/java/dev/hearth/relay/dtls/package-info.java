/**
 * DTLS-SRTP for the relay's WebRTC transports: the relay is always the DTLS 1.2 server
 * ({@code a=setup:passive}), authenticates each browser by the certificate fingerprint from its SDP, negotiates
 * an SRTP protection profile through {@code use_srtp}, and hands the exported SRTP keying material to the SRTP
 * layer as a {@link dev.hearth.relay.dtls.DtlsResult}.
 *
 * <p>Entry points: one {@link dev.hearth.relay.dtls.DtlsServer} per relay process (certificate, threads,
 * timing); per transport a {@link dev.hearth.relay.dtls.QueueDatagramTransport} the network thread offers DTLS
 * datagrams to, and the {@link dev.hearth.relay.dtls.DtlsServerSession} that {@code DtlsServer.accept} starts.
 *
 * <p>Threading. BouncyCastle's DTLS API blocks, so a handshake runs on a small shared pool
 * ({@link dev.hearth.relay.dtls.DtlsHandshakeExecutor}) and Netty's event loop only enqueues datagrams. After
 * the handshake a session holds no thread: with no data channels, the DTLS traffic left is a repeated final
 * client flight, close_notify or an alert, so each arrival schedules a short drain instead. Parking a reader
 * thread per session, the obvious alternative, would limit the relay to as many WebRTC transports as the pool
 * has threads.
 *
 * <p>No Netty types here: the relay adapts its channel to {@link dev.hearth.relay.dtls.DatagramSink} and copies
 * each inbound DTLS datagram into a byte array it gives to the transport.
 */
package dev.hearth.relay.dtls;
