package dev.hearth.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Receive buffers of a fixed size taken from the heap arenas. Netty's own handles ask for "I/O" buffers,
 * which pooled allocators serve from direct memory; the packet code works on {@code byte[]} and decrypts SRTP
 * in place, so a heap buffer saves copying every datagram once more.
 */
final class HeapReceiveBuffers implements RecvByteBufAllocator {

    private final FixedRecvByteBufAllocator sizing;

    HeapReceiveBuffers(int bufferSize) {
        this.sizing = new FixedRecvByteBufAllocator(bufferSize);
    }

    @Override
    public Handle newHandle() {
        return new HeapHandle((ExtendedHandle) sizing.newHandle());
    }

    private static final class HeapHandle implements ExtendedHandle {
        private final ExtendedHandle delegate;

        HeapHandle(ExtendedHandle delegate) {
            this.delegate = delegate;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            return alloc.heapBuffer(delegate.guess());
        }

        @Override
        public int guess() {
            return delegate.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            delegate.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            delegate.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            delegate.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return delegate.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            delegate.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return delegate.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return delegate.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return delegate.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            delegate.readComplete();
        }
    }
}
