package dev.hearth.signaling.protocol;

import java.util.Map;
import java.util.Optional;

/** One signaling connection as the protocol sees it: something to send messages to and to close. */
interface Peer {

    /** Random id of the connection, for logs; says nothing about the person. */
    String connectionId();

    /** The Cookie header of the WebSocket handshake (a facilitator's session), or null. */
    String cookieHeader();

    /**
     * The client address the knock limit and "removed earlier" go by ({@link ClientAddresses#key}); never logged.
     */
    Optional<String> clientAddress();

    void send(Map<String, Object> message);

    /** Closes the connection after the messages already sent; {@code reason} is a protocol code. */
    void close(String reason);
}
