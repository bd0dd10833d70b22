package dev.hearth.relay.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which addresses the relay's sockets bind, given the ones it advertises. A socket on a wildcard address answers
 * from whichever local address the kernel routes back through, and ICE agents (libwebrtc, browsers) drop answers
 * that do not come from the candidate they checked: a client on the same host whose check leaves from its LAN
 * address towards an advertised 127.0.0.1 would never connect. So every advertised address that belongs to this
 * host gets its own socket, and what a pair sends leaves through the socket its check came in on (as mediasoup
 * and LiveKit do).
 *
 * <p>An advertised address that is not local (HEARTH_PUBLIC_IP behind a 1:1 NAT) cannot be bound, so the port
 * then listens on one wildcard socket for everything: {@code 0.0.0.0} when every advertised address is IPv4,
 * else {@code ::}. Sources are then the kernel's choice, which is right as long as the host has one address per
 * family (the NAT case). A wildcard cannot be combined with specific sockets on the same port: Netty's epoll
 * sockets are IPv6 sockets, on which even {@code 0.0.0.0} becomes the dual-stack {@code ::}, and that collides
 * with every specific address of either family.
 */
final class ListeningAddresses {

    private static final InetAddress IPV4_ANY = any(new byte[4]);
    private static final InetAddress IPV6_ANY = any(new byte[16]);

    private ListeningAddresses() {
    }

    static List<InetAddress> plan(List<InetAddress> advertised) {
        return plan(advertised, ListeningAddresses::isLocal);
    }

    static List<InetAddress> plan(List<InetAddress> advertised, Predicate<InetAddress> isLocal) {
        boolean wildcard = false;
        boolean ipv6 = false;
        for (InetAddress address : advertised) {
            wildcard |= address.isAnyLocalAddress() || !isLocal.test(address);
            ipv6 |= address instanceof Inet6Address;
        }
        if (wildcard) {
            return List.of(ipv6 ? IPV6_ANY : IPV4_ANY);
        }
        return new ArrayList<>(new LinkedHashSet<>(advertised));
    }

    static boolean isLocal(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static InetAddress any(byte[] zeros) {
        try {
            return InetAddress.getByAddress(zeros);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
