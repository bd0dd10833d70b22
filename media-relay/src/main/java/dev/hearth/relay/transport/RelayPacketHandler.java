package dev.hearth.relay.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * The only handler of one UDP socket's pipeline, so it is the last owner of every inbound datagram: it hands
 * each to its loop's {@link PacketRouter} with the socket it came in on, and releases it once the transport and
 * its listener are done with the bytes.
 */
final class RelayPacketHandler extends ChannelInboundHandlerAdapter {

    /** Datagrams larger than this are truncated by the socket anyway; WebRTC stays under 1500. */
    static final int MAX_DATAGRAM = PacketRouter.MAX_PACKET;

    private final UdpMediaServer server;
    private final PacketLoop loop;
    private final UdpSocket socket;

    RelayPacketHandler(UdpMediaServer server, PacketLoop loop, UdpSocket socket) {
        this.server = server;
        this.loop = loop;
        this.socket = socket;
    }

    UdpSocket socket() {
        return socket;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        // Owner from here: this handler. Transports and listeners only borrow the bytes during the call.
        loop.reading(System.nanoTime());
        try {
            loop.router().route(socket, packet.content(), packet.sender());
        } finally {
            loop.readDone();
            packet.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Never close the shared port over one bad packet: every other transport lives on it.
        server.onPipelineException(cause);
    }
}
