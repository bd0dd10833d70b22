package dev.hearth.relay.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's passive ICE-TCP port (RFC 6544): one listening socket per bound address; accepted connections are
 * spread over the packet loops and are paths like the UDP sockets (frames for a transport of another loop are
 * handed over, see {@link PacketLoop}). Each connection carries RFC 4571 frames (a 2-byte length, then one STUN, DTLS, RTP or
 * RTCP packet) cut by a decoder that refuses frames longer than any packet before buffering them.
 */
final class IceTcpListener implements AutoCloseable {

    /** Kernel queue of connections not yet accepted; the unauthenticated cap does the real limiting. */
    private static final int BACKLOG = 128;
    /**
     * How much a connection may queue for a client that reads slowly: about a second of video, then media is
     * dropped (counted) rather than buffered without end.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final IceTcpLimits limits;
    private final List<Channel> listening = new ArrayList<>();
    private final ChannelGroup connections;
    // Connections sit on every loop, so the count is shared.
    private final AtomicInteger unauthenticated = new AtomicInteger();

    IceTcpListener(UdpMediaServer server, EventLoopGroup group, NativeTransport transport, List<InetAddress> bind,
            int port, IceTcpLimits limits) {
        this.limits = limits;
        this.connections = new DefaultChannelGroup("hearth-ice-tcp", group.next());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group, group)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.ALLOCATOR, new PooledByteBufAllocator(false))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(
                                new LengthFieldBasedFrameDecoder(ByteOrder.BIG_ENDIAN, 2 + PacketRouter.MAX_PACKET,
                                        0, 2, 0, 2, true),
                                new IceTcpConnection(server, IceTcpListener.this));
                    }
                });
        int chosen = port;
        try {
            for (InetAddress address : bind) {
                Channel channel = bootstrap.bind(address, chosen).syncUninterruptibly().channel();
                listening.add(channel);
                chosen = ((InetSocketAddress) channel.localAddress()).getPort();
            }
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot bind the relay's ICE-TCP port", e);
        }
    }

    IceTcpLimits limits() {
        return limits;
    }

    /** The bound port (the system's choice when configured as 0). */
    int port() {
        return ((InetSocketAddress) listening.get(0).localAddress()).getPort();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) listening.get(0).localAddress();
    }

    /** A new connection takes an unauthenticated slot, or none is left and it is refused. */
    boolean admitUnauthenticated() {
        int taken;
        do {
            taken = unauthenticated.get();
            if (taken >= limits.maxUnauthenticated()) {
                return false;
            }
        } while (!unauthenticated.compareAndSet(taken, taken + 1));
        return true;
    }

    /** A connection left its slot: it authenticated, or closed first. */
    void authenticatedOrGone() {
        unauthenticated.decrementAndGet();
    }

    int unauthenticatedCount() {
        return unauthenticated.get();
    }

    /** Open ICE-TCP connections, authenticated or not. */
    int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() {
        for (Channel channel : listening) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
