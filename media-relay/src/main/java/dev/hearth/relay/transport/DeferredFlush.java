package dev.hearth.relay.transport;

import dev.hearth.relay.metrics.TransitHistogram;

import io.netty.channel.Channel;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * Flushes one channel once after its loop finishes the work at hand, instead of once per packet: a fan-out to eight
 * subscribers, or everything a read batch caused, leaves in one flush (one {@code sendmmsg} under epoll, which
 * sends every datagram queued since the last flush in one system call). Netty runs queued tasks right after the
 * I/O of a loop iteration, so a packet waits only for the rest of that iteration. Confined to the channel's loop.
 *
 * <p>It also times the relay: the packets a read caused are counted in the loop's {@link TransitHistogram} when
 * the flush has handed them to the kernel, each with the time since the oldest such read in the batch (an upper
 * bound for the others). Writes no read caused (timers' reports, retransmissions) are not timed.
 */
final class DeferredFlush implements Runnable {

    private final Channel channel;
    private final Executor loop;
    private final LongSupplier readingSince;
    private final TransitHistogram transit;
    private final LongSupplier nanoTime;
    private boolean pending;
    private long oldestRead;
    private int caused;

    DeferredFlush(Channel channel, PacketLoop loop) {
        this(channel, loop.executor(), loop::readingSince, loop.transit(), System::nanoTime);
    }

    /**
     * @param loop         where the flush is queued: the channel's event loop (a test may hold the tasks back)
     * @param readingSince when the datagram being routed on the loop was read, 0 outside of a read
     */
    DeferredFlush(Channel channel, Executor loop, LongSupplier readingSince, TransitHistogram transit,
                  LongSupplier nanoTime) {
        this.channel = channel;
        this.loop = loop;
        this.readingSince = readingSince;
        this.transit = transit;
        this.nanoTime = nanoTime;
    }

    /** After a write on the channel's loop: makes sure one flush follows. */
    void request() {
        long read = readingSince.getAsLong();
        if (read != 0) {
            if (caused == 0 || read - oldestRead < 0) {
                oldestRead = read;
            }
            caused++;
        }
        if (pending) {
            return;
        }
        pending = true;
        try {
            loop.execute(this);
        } catch (RejectedExecutionException e) {
            // Shutting down: flush now, the loop will not run the task.
            run();
        }
    }

    @Override
    public void run() {
        pending = false;
        channel.flush();
        if (caused > 0) {
            transit.record(nanoTime.getAsLong() - oldestRead, caused);
            caused = 0;
        }
    }
}
