package dev.hearth.relay.transport;

import java.util.concurrent.Executor;

/** Creates ICE-lite / DTLS-SRTP transports that all share the relay's one UDP port. */
public interface TransportFactory {

    /** A new transport waiting for {@link MediaTransport#setRemote} and then the client's ICE checks. */
    MediaTransport create(MediaTransportListener listener);

    /**
     * The packet event loop. Control calls that change forwarding state (new consumer, mute, close) run
     * here so the per-packet path needs no locks.
     */
    Executor packetLoop();
}
