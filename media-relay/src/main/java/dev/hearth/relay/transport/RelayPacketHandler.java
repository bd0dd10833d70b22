package dev.hearth.relay.transport;

import dev.hearth.relay.ice.IceUsername;
import dev.hearth.relay.stun.StunMessage;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;

/**
 * The first stage of the packet path: demultiplexes each datagram (RFC 7983) and routes it to its transport.
 * The only handler in the pipeline, so it is the last owner of every inbound datagram and releases it once
 * the transport and its listener are done with the bytes.
 */
final class RelayPacketHandler extends ChannelInboundHandlerAdapter {

    /** Datagrams larger than this are truncated by the socket anyway; WebRTC stays under 1500. */
    static final int MAX_DATAGRAM = 2048;

    private final UdpMediaServer server;
    private final TransportRegistry registry;
    private final PacketCounters portCounters;
    private final StunMessage stun = new StunMessage();
    // For receive buffers without a backing array (direct memory from the native transport): the packet is
    // copied here once so that the byte[]-based packet code can work on it in place.
    private final byte[] scratch = new byte[MAX_DATAGRAM];

    RelayPacketHandler(UdpMediaServer server) {
        this.server = server;
        this.registry = server.registry();
        this.portCounters = server.portCounters();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        // Owner from here: this handler. Transports and listeners only borrow the bytes during the call.
        try {
            route(packet);
        } finally {
            packet.release();
        }
    }

    private void route(DatagramPacket packet) {
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (length == 0 || length > MAX_DATAGRAM) {
            portCounters.dropped(DropReason.BAD_SIZE);
            return;
        }
        byte[] a;
        int offset;
        if (content.hasArray()) {
            a = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            content.getBytes(content.readerIndex(), scratch, 0, length);
            a = scratch;
            offset = 0;
        }
        InetSocketAddress source = packet.sender();
        switch (PacketKind.classify(a, offset, length)) {
            case STUN -> routeStun(a, offset, length, source);
            case DTLS -> {
                RelayTransport transport = verified(source);
                if (transport != null) {
                    transport.handleDtls(a, offset, length, source);
                }
            }
            case RTP -> {
                RelayTransport transport = verified(source);
                if (transport != null) {
                    transport.handleRtp(a, offset, length, System.nanoTime());
                }
            }
            case RTCP -> {
                RelayTransport transport = verified(source);
                if (transport != null) {
                    transport.handleRtcp(a, offset, length);
                }
            }
            case UNKNOWN -> portCounters.dropped(DropReason.UNKNOWN_PROTOCOL);
        }
    }

    private void routeStun(byte[] a, int offset, int length, InetSocketAddress source) {
        if (!stun.wrap(a, offset, length)) {
            portCounters.dropped(DropReason.STUN_MALFORMED);
            return;
        }
        if (stun.isBindingIndication()) {
            // A keepalive (RFC 8445 section 11): no answer, but it keeps a validated pair's consent.
            if (stun.hasFingerprint() && !stun.verifyFingerprint()) {
                portCounters.dropped(DropReason.STUN_MALFORMED);
                return;
            }
            RelayTransport transport = verified(source);
            if (transport != null) {
                transport.handleKeepalive(source, System.nanoTime());
            }
            return;
        }
        // Responses need no answer from a lite agent, which sends no requests.
        if (!stun.isBindingRequest()) {
            portCounters.dropped(DropReason.STUN_MALFORMED);
            return;
        }
        String ufrag = IceUsername.localUfrag(stun);
        RelayTransport transport = ufrag == null ? null : registry.byUfrag(ufrag);
        if (transport == null) {
            // No answer: telling a scanner which ufrags do not exist helps nobody.
            portCounters.dropped(DropReason.ICE_UFRAG_UNKNOWN);
            return;
        }
        transport.handleCheck(stun, source, System.nanoTime());
    }

    private RelayTransport verified(InetSocketAddress source) {
        RelayTransport transport = registry.byAddress(source);
        if (transport == null) {
            portCounters.dropped(DropReason.UNVERIFIED_SOURCE);
        }
        return transport;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Never close the shared port over one bad packet: every other transport lives on it.
        server.onPipelineException(cause);
    }
}
