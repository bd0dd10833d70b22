package dev.hearth.relay.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Picks Linux epoll when its native library loads, NIO otherwise. Epoll is a runtime-only dependency (the
 * build must also work where it cannot load), so it is reached by name rather than compiled against.
 *
 * @param serverChannelType the ICE-TCP listener's channel, of the same kind as the datagram channel
 * @param readsIntoHeap whether the channel can receive straight into heap buffers. NIO can (the JDK copies
 *                      through its own direct buffer anyway); epoll's recvmsg needs native memory addresses,
 *                      so its datagrams arrive in direct buffers and the handler copies each once.
 */
record NativeTransport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends DatagramChannel> channelType,
                       Class<? extends ServerSocketChannel> serverChannelType, boolean readsIntoHeap) {

    private static final String EPOLL = "io.netty.channel.epoll.Epoll";
    private static final String EPOLL_IO_HANDLER = "io.netty.channel.epoll.EpollIoHandler";
    private static final String EPOLL_DATAGRAM_CHANNEL = "io.netty.channel.epoll.EpollDatagramChannel";
    private static final String EPOLL_SERVER_CHANNEL = "io.netty.channel.epoll.EpollServerSocketChannel";

    static NativeTransport best() {
        try {
            Class<?> epoll = Class.forName(EPOLL);
            if (Boolean.TRUE.equals(epoll.getMethod("isAvailable").invoke(null))) {
                IoHandlerFactory factory = (IoHandlerFactory) Class.forName(EPOLL_IO_HANDLER)
                        .getMethod("newFactory").invoke(null);
                Class<? extends DatagramChannel> channel =
                        Class.forName(EPOLL_DATAGRAM_CHANNEL).asSubclass(DatagramChannel.class);
                Class<? extends ServerSocketChannel> server =
                        Class.forName(EPOLL_SERVER_CHANNEL).asSubclass(ServerSocketChannel.class);
                return new NativeTransport("epoll", factory, channel, server, false);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // Not on the class path or no native library for this platform: NIO does the same job, a bit slower.
        }
        return nio();
    }

    static NativeTransport nio() {
        return new NativeTransport("nio", NioIoHandler.newFactory(), NioDatagramChannel.class, NioServerSocketChannel.class,
                true);
    }
}
