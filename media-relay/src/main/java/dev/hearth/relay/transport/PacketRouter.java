package dev.hearth.relay.transport;

import dev.hearth.relay.ice.IceUsername;
import dev.hearth.relay.stun.StunMessage;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/**
 * The first stage of the packet path, the same for every socket: demultiplexes each packet (RFC 7983) and routes
 * it to its transport, STUN by the local ufrag, anything else by the path and client address a check validated.
 * One per packet loop, confined to it, so its STUN view and scratch array are reused for every packet that loop
 * reads. A packet for a transport another loop owns is handed to that loop whole ({@link PacketLoop#handOver}),
 * which routes it again there: transport state is only ever touched by its own loop.
 */
final class PacketRouter {

    /** Datagrams larger than this are truncated by the socket anyway; WebRTC stays under 1500. */
    static final int MAX_PACKET = 2048;

    private final TransportRegistry registry;
    private final PacketLoop loop;
    private final PacketCounters portCounters;
    private final StunMessage stun = new StunMessage();
    // For receive buffers without a backing array (direct memory from the native transport, ICE-TCP frames):
    // the packet is copied here once so that the byte[]-based packet code can work on it in place.
    private final byte[] scratch = new byte[MAX_PACKET];

    PacketRouter(TransportRegistry registry, PacketLoop loop) {
        this.registry = registry;
        this.loop = loop;
        this.portCounters = loop.portCounters();
    }

    /** Routes one packet that arrived on {@code path} from {@code source}; the caller keeps and releases it. */
    void route(PacketPath path, ByteBuf content, InetSocketAddress source) {
        int length = content.readableBytes();
        if (length == 0 || length > MAX_PACKET) {
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
        switch (PacketKind.classify(a, offset, length)) {
            case STUN -> routeStun(a, offset, length, path, content, source);
            case DTLS -> {
                RelayTransport transport = verified(path, source);
                if (atHome(transport, path, content, source)) {
                    transport.handleDtls(a, offset, length, path, source);
                }
            }
            case RTP -> {
                RelayTransport transport = verified(path, source);
                if (atHome(transport, path, content, source)) {
                    transport.handleRtp(a, offset, length, System.nanoTime());
                }
            }
            case RTCP -> {
                RelayTransport transport = verified(path, source);
                if (atHome(transport, path, content, source)) {
                    transport.handleRtcp(a, offset, length);
                }
            }
            case UNKNOWN -> portCounters.dropped(DropReason.UNKNOWN_PROTOCOL);
        }
    }

    /**
     * Whether {@code transport} lives on this loop, so the packet is handled here and now; otherwise the packet goes
     * to the owner loop and this loop is done with it. False for null (already counted as a drop).
     */
    private boolean atHome(RelayTransport transport, PacketPath path, ByteBuf content, InetSocketAddress source) {
        if (transport == null) {
            return false;
        }
        PacketLoop owner = transport.loop();
        if (owner != loop) {
            owner.handOver(loop, path, content, source);
            return false;
        }
        loop.countRouted();
        return true;
    }

    private void routeStun(byte[] a, int offset, int length, PacketPath path, ByteBuf content,
            InetSocketAddress source) {
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
            RelayTransport transport = verified(path, source);
            if (atHome(transport, path, content, source)) {
                transport.handleKeepalive(path, source, System.nanoTime());
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
        if (!atHome(transport, path, content, source)) {
            return;
        }
        transport.handleCheck(stun, path, source, System.nanoTime());
    }

    private RelayTransport verified(PacketPath path, InetSocketAddress source) {
        RelayTransport transport = path.route(source);
        if (transport == null) {
            portCounters.dropped(DropReason.UNVERIFIED_SOURCE);
        }
        return transport;
    }
}
