package dev.hearth.relay.transport;

import dev.hearth.relay.metrics.TransitHistogram;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the relay's packet event loops and everything confined to it: the transports it owns (their ICE, DTLS and
 * SRTP state is touched only here), a {@link PacketRouter} and a {@link StunResponder} with their own scratch
 * memory, and its counters. Rooms are pinned to a loop, so a room's forwarding never leaves its thread.
 *
 * <p>A packet read by another loop's socket (the kernel spreads a port over the loops' sockets by 4-tuple, and
 * ICE-TCP connections sit on whichever loop accepted them) is handed over: the reading loop retains the buffer and
 * puts one task on this loop's queue, Netty's lock-free multi-producer queue. No lock anywhere on the way.
 */
final class PacketLoop {

    private static final Logger log = LoggerFactory.getLogger(PacketLoop.class);

    private final int index;
    private final EventLoop executor;
    private final PacketRouter router;
    private final StunResponder stunResponder = new StunResponder();
    private final PacketCounters portCounters = new PacketCounters();
    /** What this loop's closed transports counted, so exported totals never go backwards. */
    private final PacketCounters retiredCounters = new PacketCounters();
    private final Map<String, RelayTransport> transports = new LinkedHashMap<>();
    private final TransitHistogram transit = new TransitHistogram();
    /** When the datagram being routed right now was read (System.nanoTime), or 0 outside of a read. */
    private long readingSince;
    // Written on this loop only; read by metrics from anywhere (a moment stale, never torn on a 64-bit JVM).
    private long routed;
    private long handedIn;
    private long handedOut;
    private long sent;

    PacketLoop(int index, EventLoop executor, TransportRegistry registry) {
        this.index = index;
        this.executor = executor;
        this.router = new PacketRouter(registry, this);
    }

    int index() {
        return index;
    }

    EventLoop executor() {
        return executor;
    }

    PacketRouter router() {
        return router;
    }

    StunResponder stunResponder() {
        return stunResponder;
    }

    /** Drops of packets this loop read that no transport owns. */
    PacketCounters portCounters() {
        return portCounters;
    }

    boolean inLoop() {
        return executor.inEventLoop();
    }

    // ---- owned transports, on the loop ----

    void adopt(RelayTransport transport) {
        transports.put(transport.id(), transport);
    }

    /** A transport closes: it leaves the loop and its counts join {@link #totals()}. */
    void release(RelayTransport transport) {
        if (transports.remove(transport.id(), transport)) {
            retiredCounters.add(transport.counters());
        }
    }

    List<RelayTransport> transports() {
        return new ArrayList<>(transports.values());
    }

    // ---- time in the relay ----

    /** A datagram read at {@code nanoTime} is being routed; what it causes to be sent is timed from then. */
    void reading(long nanoTime) {
        readingSince = nanoTime;
    }

    /** Routing of the datagram is over: later sends (timers, reports) are not caused by a read. */
    void readDone() {
        readingSince = 0;
    }

    /** When the datagram being routed was read, or 0 when the loop is not routing one. */
    long readingSince() {
        return readingSince;
    }

    TransitHistogram transit() {
        return transit;
    }

    // ---- counters ----

    void countRouted() {
        routed++;
    }

    void countSent() {
        sent++;
    }

    /** Everything this loop counted: port drops, its live transports and the ones it closed. On the loop. */
    PacketCounters totals() {
        PacketCounters totals = new PacketCounters();
        totals.add(portCounters);
        totals.add(retiredCounters);
        for (RelayTransport transport : transports.values()) {
            totals.add(transport.counters());
        }
        return totals;
    }

    LoopCounters counters() {
        return new LoopCounters(index, routed, handedIn, handedOut, sent);
    }

    // ---- handover ----

    /**
     * Hands a packet that arrived on another loop to this one, which routes it again and finds its transport at
     * home. The caller (the reading loop) keeps its own reference; the retained one is released here.
     */
    void handOver(PacketLoop from, PacketPath path, ByteBuf content, InetSocketAddress source) {
        ByteBuf packet = content.retain();
        long readAt = from.readingSince;
        try {
            executor.execute(() -> {
                try {
                    handedIn++;
                    reading(readAt);
                    router.route(path, packet, source);
                } finally {
                    readDone();
                    packet.release();
                }
            });
            from.handedOut++;
        } catch (RejectedExecutionException e) {
            packet.release();
            log.debug("packet loop stopped; handed-over packet dropped");
        }
    }

    /** Runs now when on the loop, else queues it; silently skipped once the relay has stopped. */
    void run(Runnable task) {
        if (executor.inEventLoop()) {
            task.run();
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("relay loop stopped; task skipped");
        }
    }

    /** Runs on the loop and waits for the result; throws IllegalStateException once the relay has stopped. */
    <T> T call(Callable<T> task) {
        if (executor.inEventLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        io.netty.util.concurrent.Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the relay's UDP port is closed", e);
        }
        future.syncUninterruptibly();
        return future.getNow();
    }

    @Override
    public String toString() {
        return "PacketLoop[" + index + "]";
    }
}
