package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The leak check the transport tests rely on really fails when a buffer is dropped unreleased. */
class NettyLeakCheckTest {

    @Test
    void unreleasedBufferFailsTheCheck() throws Exception {
        NettyLeakCheck check = new NettyLeakCheck();
        check.beforeAll(null);
        leakOneBuffer();

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> check.afterAll(null));
        assertTrue(failure.getMessage().startsWith("LEAK:"));
        check.beforeAll(null); // clears the recorded leak for whoever runs next
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.heapBuffer(32);
        leaked.writeInt(7);
    }
}
