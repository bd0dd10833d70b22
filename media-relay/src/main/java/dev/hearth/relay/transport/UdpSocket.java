package dev.hearth.relay.transport;

import dev.hearth.relay.ice.IceLiteAgent;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One bound UDP socket of the relay (one per local address, or a wildcard one for addresses behind NAT) and the
 * client addresses validated on it. A plain HashMap: confined to the packet event loop.
 */
final class UdpSocket implements PacketPath {

    private final Channel channel;
    private final Map<InetSocketAddress, RelayTransport> routes = new HashMap<>();

    UdpSocket(Channel channel) {
        this.channel = channel;
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    Channel channel() {
        return channel;
    }

    @Override
    public long priority() {
        return IceLiteAgent.LOCAL_CANDIDATE_PRIORITY;
    }

    @Override
    public ByteBuf allocate(int payload) {
        return channel.alloc().heapBuffer(payload, payload);
    }

    @Override
    public void send(ByteBuf buffer, InetSocketAddress remote) {
        channel.writeAndFlush(new DatagramPacket(buffer, remote), channel.voidPromise());
    }

    @Override
    public void sendFromAnyThread(ByteBuf buffer, InetSocketAddress remote) {
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
        return "UdpSocket[" + channel.localAddress() + "]";
    }
}
