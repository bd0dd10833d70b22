package dev.hearth.relay.transport;

import dev.hearth.relay.ice.IceLiteAgent;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One bound UDP address of one packet loop (each loop has its own port, on every local address, or a wildcard one
 * for addresses behind NAT) and the client addresses validated on it. The loop reads and writes it; a transport of
 * another loop that ends up sending through it (a client that reached the wrong port) goes through Netty's task
 * queue. The routes are a concurrent map: lock-free reads, writes only when a check validates or a pair goes, and
 * another loop's transport may bind here.
 */
final class UdpSocket implements PacketPath {

    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final List<DeferredFlush> flushes = new CopyOnWriteArrayList<>();
    private final Map<InetSocketAddress, RelayTransport> routes = new ConcurrentHashMap<>();

    /** Adds the channel {@code reader} reads and writes this address through. */
    void add(Channel channel, PacketLoop reader) {
        flushes.add(new DeferredFlush(channel, reader));
        channels.add(channel);
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channels.get(0).localAddress();
    }

    List<Channel> channels() {
        return channels;
    }

    /** The index of the calling loop's own channel for this address, or -1. */
    private int own() {
        List<Channel> all = channels;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).eventLoop().inEventLoop()) {
                return i;
            }
        }
        return -1;
    }

    /** The calling loop's own channel for this address, or the first one. */
    private Channel channel() {
        int own = own();
        return channels.get(own < 0 ? 0 : own);
    }

    @Override
    public long priority() {
        return IceLiteAgent.LOCAL_CANDIDATE_PRIORITY;
    }

    @Override
    public ByteBuf allocate(int payload) {
        return channels.get(0).alloc().heapBuffer(payload, payload);
    }

    @Override
    public void send(ByteBuf buffer, InetSocketAddress remote) {
        int own = own();
        if (own < 0) {
            // Another loop's socket (NIO binds an address once): Netty queues the write there.
            Channel channel = channels.get(0);
            channel.writeAndFlush(new DatagramPacket(buffer, remote), channel.voidPromise());
            return;
        }
        Channel channel = channels.get(own);
        channel.write(new DatagramPacket(buffer, remote), channel.voidPromise());
        flushes.get(own).request();
    }

    @Override
    public void sendFromAnyThread(ByteBuf buffer, InetSocketAddress remote) {
        Channel channel = channel();
        if (!channel.isActive()) {
            buffer.release();
            return;
        }
        channel.writeAndFlush(new DatagramPacket(buffer, remote));
    }

    @Override
    public boolean writable() {
        // The kernel drops what its send buffer cannot take, as UDP may; Netty's queue never builds up.
        return true;
    }

    @Override
    public RelayTransport route(InetSocketAddress remote) {
        return routes.get(remote);
    }

    @Override
    public boolean accepts(RelayTransport transport) {
        return true;
    }

    @Override
    public void bind(InetSocketAddress remote, RelayTransport transport) {
        // A client port moving to another transport is rare (a reused port); the latest check wins.
        routes.put(remote, transport);
    }

    @Override
    public void unbind(InetSocketAddress remote, RelayTransport transport) {
        routes.remove(remote, transport);
    }

    int routeCount() {
        return routes.size();
    }

    @Override
    public String toString() {
        return "UdpSocket[" + localAddress() + " x" + channels.size() + "]";
    }
}
