package dev.hearth.relay.transport;

import java.util.concurrent.Executor;

/** Creates ICE-lite / DTLS-SRTP transports that all share the relay's one UDP port, each owned by one packet loop. */
public interface TransportFactory {

    /** A new transport waiting for {@link MediaTransport#setRemote} and then the client's ICE checks. */
    MediaTransport create(MediaTransportListener listener);

    /**
     * The packet event loop. Control calls that change forwarding state (new consumer, mute, close) run
     * here so the per-packet path needs no locks.
     */
    Executor packetLoop();

    /**
     * How many packet loops there are. A room's transports must all live on one loop, so that forwarding between
     * them stays on one thread; rooms on different loops run in parallel.
     */
    default int loopCount() {
        return 1;
    }

    /** Packet loop {@code index} (0 to {@link #loopCount()} - 1); loop 0 is {@link #packetLoop()}. */
    default Executor packetLoop(int index) {
        return packetLoop();
    }

    /** {@link #create(MediaTransportListener)} for a transport owned by packet loop {@code loop}. */
    default MediaTransport create(MediaTransportListener listener, int loop) {
        return create(listener);
    }
}
