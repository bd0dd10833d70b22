package dev.hearth.relay.transport;

/** Why a received or sent datagram went nowhere; counted per transport and for the whole port. */
public enum DropReason {
    /** First byte outside every RFC 7983 range. */
    UNKNOWN_PROTOCOL,
    /** Empty, or larger than the receive buffer. */
    BAD_SIZE,
    /** Not a well-formed STUN message, or a STUN message other than a Binding request. */
    STUN_MALFORMED,
    /** A Binding request whose ufrag names no transport on this relay. */
    ICE_UFRAG_UNKNOWN,
    /** A Binding request routed to a transport that dropped it (fingerprint, remote ufrag, no remote yet). */
    ICE_CHECK_REJECTED,
    /** DTLS or media from an address that has not passed an ICE check. */
    UNVERIFIED_SOURCE,
    /** DTLS before the client's fingerprint is known, or refused by the DTLS queue. */
    DTLS_REFUSED,
    /** SRTP/SRTCP before the DTLS handshake produced keys, or sends before connection. */
    NOT_CONNECTED,
    /** SRTP/SRTCP that was replayed, malformed or refused by the cipher; outbound, that could not be protected. */
    SRTP_REJECTED,
    /**
     * Inbound SRTP/SRTCP whose authentication tag did not verify: tampering, a stale key or noise. Kept apart from
     * {@link #SRTP_REJECTED} because a rise here is a security signal, not a network one.
     */
    SRTP_AUTH_FAILED,
    /** The listener threw while handling a packet. */
    LISTENER_FAILED,
    /** A send to an ICE-TCP connection whose client does not read fast enough (its write buffer is full). */
    PATH_CONGESTED,
    /** An ICE-TCP frame longer than any packet, or a connection refused or closed before it authenticated. */
    TCP_REFUSED
}
