package dev.hearth.relay.dtls;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two {@link QueueDatagramTransport}s wired back to back, as if across a network: each side's sink offers a
 * copy of what it sends into the other side's queue, unless the wire's {@link Loss} rule drops it.
 */
final class DatagramWire {

    enum Direction { TO_SERVER, TO_CLIENT }

    /** Decides per datagram whether the wire loses it; {@code sequence} counts from 1 in each direction. */
    @FunctionalInterface
    interface Loss {
        boolean drops(int sequence, Direction direction, byte[] datagram);
    }

    final QueueDatagramTransport server;
    final QueueDatagramTransport client;

    private final Loss loss;
    private final AtomicInteger toServer = new AtomicInteger();
    private final AtomicInteger toClient = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile Runnable afterDeliveryToServer = () -> { };

    DatagramWire(Loss loss) {
        this.loss = loss;
        this.server = new QueueDatagramTransport((buf, off, len) -> carry(buf, off, len, Direction.TO_CLIENT));
        this.client = new QueueDatagramTransport((buf, off, len) -> carry(buf, off, len, Direction.TO_SERVER));
    }

    static DatagramWire lossless() {
        return new DatagramWire((sequence, direction, datagram) -> false);
    }

    /**
     * Loses every n-th datagram of each direction. Counted per direction because one shared counter can lock
     * into phase with a retransmitted flight (1 ClientHello + 5 server records = 6) and lose the same record
     * forever, which no real network does.
     */
    static DatagramWire droppingEvery(int n) {
        return new DatagramWire((sequence, direction, datagram) -> sequence % n == 0);
    }

    int droppedCount() {
        return dropped.get();
    }

    /** Runs after every datagram that reaches the server, e.g. to interleave garbage with real traffic. */
    void afterDeliveryToServer(Runnable hook) {
        this.afterDeliveryToServer = hook;
    }

    private void carry(byte[] buf, int off, int len, Direction direction) {
        byte[] datagram = Arrays.copyOfRange(buf, off, off + len);
        AtomicInteger sequence = direction == Direction.TO_SERVER ? toServer : toClient;
        if (loss.drops(sequence.incrementAndGet(), direction, datagram)) {
            dropped.incrementAndGet();
            return;
        }
        if (direction == Direction.TO_SERVER) {
            this.server.offer(datagram);
            afterDeliveryToServer.run();
        } else {
            this.client.offer(datagram);
        }
    }
}
