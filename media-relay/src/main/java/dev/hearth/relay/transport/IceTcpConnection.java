package dev.hearth.relay.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One accepted passive ICE-TCP connection (RFC 6544) and the path of the one pair it can carry: its frames
 * (RFC 4571, already cut by the decoder in front of this handler) go to the relay's {@link PacketRouter} like
 * datagrams, and what the pair sends goes back framed. Until a STUN check authenticates it (RFC 6544 section
 * 7.2) the connection counts against the relay's cap on unauthenticated connections and must authenticate
 * within {@link IceTcpLimits#authenticationTimeout()}; afterwards it lives as long as its pair has consent.
 * Closing the connection drops the pair at once. Frames are read on the loop the connection was accepted on; the
 * carried transport may live on another loop, which then gets the frames handed over and binds, unbinds and sends
 * from there, so the binding is volatile and the unauthenticated slot is released exactly once.
 */
final class IceTcpConnection extends ChannelInboundHandlerAdapter implements PacketPath {

    /**
     * The priority of the relay's first passive TCP candidate as sdp/HostCandidate writes it: type preference 126,
     * local preference (direction 4 << 13) + 8191, component 1. Below every UDP candidate.
     */
    static final long PRIORITY = (126L << 24) + (((4L << 13) + 8191) << 8) + 255;
    private static final int LENGTH_PREFIX = 2;

    private final UdpMediaServer server;
    private final IceTcpListener listener;
    private Channel channel;
    private PacketLoop loop;
    private InetSocketAddress remote;
    // The connection's own loop reads these, the carried transport's loop (often another) writes them.
    private volatile RelayTransport transport;
    private final AtomicBoolean unauthenticated = new AtomicBoolean();
    private volatile ScheduledFuture<?> deadline;
    private DeferredFlush flush;

    IceTcpConnection(UdpMediaServer server, IceTcpListener listener) {
        this.server = server;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        loop = server.loopOf(channel.eventLoop());
        flush = new DeferredFlush(channel, loop);
        remote = (InetSocketAddress) channel.remoteAddress();
        if (!listener.admitUnauthenticated()) {
            loop.portCounters().dropped(DropReason.TCP_REFUSED);
            channel.close();
            return;
        }
        unauthenticated.set(true);
        deadline = ctx.executor().schedule(this::authenticationTimedOut,
                listener.limits().authenticationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    private void authenticationTimedOut() {
        if (transport == null && channel.isOpen()) {
            // A slowloris, a scanner, or a client that never finished its check: the slot goes to someone else.
            loop.portCounters().dropped(DropReason.TCP_REFUSED);
            channel.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        loop.reading(System.nanoTime());
        try {
            loop.router().route(this, frame, remote);
        } finally {
            loop.readDone();
            frame.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        leaveUnauthenticated();
        RelayTransport carried = transport;
        transport = null;
        if (carried != null) {
            // The pair is the transport's state: its own loop forgets it.
            carried.loop().run(() -> carried.pathClosed(this));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            // An oversized or broken frame: the stream has lost its framing, so the connection is useless.
            loop.portCounters().dropped(DropReason.TCP_REFUSED);
        } else if (!(cause instanceof IOException)) {
            server.onPipelineException(cause);
        }
        // A reset by the client (IOException) is how TCP connections end; nothing to report.
        ctx.close();
    }

    private void leaveUnauthenticated() {
        if (unauthenticated.compareAndSet(true, false)) {
            listener.authenticatedOrGone();
            ScheduledFuture<?> timer = deadline;
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    // ---- PacketPath ----

    @Override
    public long priority() {
        return PRIORITY;
    }

    @Override
    public ByteBuf allocate(int payload) {
        ByteBuf buffer = channel.alloc().heapBuffer(LENGTH_PREFIX + payload, LENGTH_PREFIX + payload);
        buffer.writerIndex(LENGTH_PREFIX);
        return buffer;
    }

    @Override
    public void send(ByteBuf buffer, InetSocketAddress to) {
        if (!frame(buffer)) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            channel.write(buffer, channel.voidPromise());
            flush.request();
        } else {
            channel.writeAndFlush(buffer, channel.voidPromise());
        }
    }

    @Override
    public void sendFromAnyThread(ByteBuf buffer, InetSocketAddress to) {
        if (!frame(buffer)) {
            return;
        }
        channel.writeAndFlush(buffer);
    }

    /** RFC 4571: the 2-byte length in front of the packet, in the room {@link #allocate} left. */
    private boolean frame(ByteBuf buffer) {
        if (!channel.isActive()) {
            buffer.release();
            return false;
        }
        buffer.setShort(buffer.readerIndex(), buffer.readableBytes() - LENGTH_PREFIX);
        return true;
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public RelayTransport route(InetSocketAddress from) {
        return transport;
    }

    @Override
    public boolean accepts(RelayTransport candidate) {
        return transport == null || transport == candidate;
    }

    @Override
    public void bind(InetSocketAddress from, RelayTransport owner) {
        transport = owner;
        leaveUnauthenticated();
    }

    @Override
    public void unbind(InetSocketAddress from, RelayTransport owner) {
        if (transport == owner) {
            // The pair lost consent, was evicted or its transport closed: nothing else may use this connection.
            transport = null;
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "IceTcpConnection[" + remote + "]";
    }
}
