package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        DeferredFlush flush = new DeferredFlush(channel, loopTasks::add);
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

    private static final class CountingFlushes extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }
}
