package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hearth.relay.metrics.TransitHistogram;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayDeque;
import java.util.Queue;

import org.junit.jupiter.api.Test;

/**
 * A fan-out's writes leave in one flush, after the loop's work at hand, not one flush per packet. The loop's task
 * queue is held by the test (EmbeddedChannel's own loop runs tasks at once).
 */
class DeferredFlushTest {

    @Test
    void manyWritesInOneBatchAreFlushedOnceAfterIt() {
        CountingFlushes flushes = new CountingFlushes();
        EmbeddedChannel channel = new EmbeddedChannel(flushes);
        Queue<Runnable> loopTasks = new ArrayDeque<>();
        DeferredFlush flush = new DeferredFlush(channel, loopTasks::add, () -> 0, new TransitHistogram(),
                System::nanoTime);
        for (String packet : new String[] {"a", "b", "c"}) {
            channel.write(packet);
            flush.request();
        }
        assertEquals(0, flushes.count, "no flush while the batch is still being written");
        assertNull(channel.readOutbound(), "nothing leaves while the batch is still being written");

        assertEquals(1, loopTasks.size(), "one flush queued for the batch");
        loopTasks.poll().run();
        assertEquals(1, flushes.count, "one flush for the batch");
        assertEquals("a", channel.readOutbound());
        assertEquals("b", channel.readOutbound());
        assertEquals("c", channel.readOutbound());

        channel.write("d");
        flush.request();
        loopTasks.poll().run();
        assertEquals(2, flushes.count, "the next batch gets its own flush");
        assertEquals("d", channel.readOutbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void packetsAReadCausedAreTimedFromTheOldestReadToTheFlushAndTimerSendsAreNot() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Queue<Runnable> loopTasks = new ArrayDeque<>();
        long[] reading = {0};
        long[] now = {0};
        TransitHistogram transit = new TransitHistogram();
        DeferredFlush flush = new DeferredFlush(channel, loopTasks::add, () -> reading[0], transit, () -> now[0]);

        reading[0] = 1_000_000;          // a datagram read at t = 1 ms fans out to two subscribers
        channel.write("a");
        flush.request();
        channel.write("b");
        flush.request();
        reading[0] = 1_200_000;          // the next datagram of the same read batch, to one subscriber
        channel.write("c");
        flush.request();
        reading[0] = 0;                  // a timer's report: no read caused it
        channel.write("rtcp");
        flush.request();
        now[0] = 1_400_000;              // the flush runs 400 µs after the first read
        loopTasks.poll().run();

        double[] bounds = TransitHistogram.boundsSeconds();
        int le300 = indexOf(bounds, 300e-6);
        int le500 = indexOf(bounds, 500e-6);
        assertEquals(0, transit.cumulative(le300), "the batch is timed from its oldest read: 400 µs");
        assertEquals(3, transit.cumulative(le500), "three packets were caused by reads");
        assertEquals(3, transit.cumulative(bounds.length), "the timer's packet is not timed");

        channel.write("d");
        flush.request();
        loopTasks.poll().run();
        assertEquals(3, transit.cumulative(bounds.length), "a batch only timers caused adds nothing");
        channel.finishAndReleaseAll();
    }

    private static int indexOf(double[] bounds, double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (Math.abs(bounds[i] - value) < 1e-12) {
                return i;
            }
        }
        throw new AssertionError("no bound " + value);
    }

    private static final class CountingFlushes extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }
}
