package dev.hearth.relay.transport;

import io.netty.channel.Channel;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flushes one channel once after its loop finishes the work at hand, instead of once per packet: a fan-out to eight
 * subscribers, or everything a read batch caused, leaves in one flush (one {@code sendmmsg} under epoll, which
 * sends every datagram queued since the last flush in one system call). Netty runs queued tasks right after the
 * I/O of a loop iteration, so a packet waits only for the rest of that iteration. Confined to the channel's loop.
 */
final class DeferredFlush implements Runnable {

    private final Channel channel;
    private final Executor loop;
    private boolean pending;

    DeferredFlush(Channel channel) {
        this(channel, channel.eventLoop());
    }

    /** @param loop where the flush is queued: the channel's event loop (a test may hold the tasks back) */
    DeferredFlush(Channel channel, Executor loop) {
        this.channel = channel;
        this.loop = loop;
    }

    /** After a write on the channel's loop: makes sure one flush follows. */
    void request() {
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
    }
}
