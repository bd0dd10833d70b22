package dev.hearth.relay.dtls;

/** Why a {@link DtlsServerSession} ended; reported once to its {@link DtlsSessionListener}. */
public enum DtlsCloseReason {
    /** The handshake failed or timed out; the handshake future holds the {@link DtlsHandshakeException}. */
    HANDSHAKE_FAILED,
    /** The relay closed the session (participant removed, transport torn down, relay stopping). */
    LOCAL_CLOSE,
    /** The browser sent close_notify: it closed the peer connection. */
    PEER_CLOSE_NOTIFY,
    /** The browser sent a fatal alert after the handshake. */
    PEER_FATAL_ALERT,
    /** The DTLS record layer or the datagram transport failed underneath an established session. */
    TRANSPORT_ERROR
}
