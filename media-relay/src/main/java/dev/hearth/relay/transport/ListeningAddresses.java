package dev.hearth.relay.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which addresses the relay's sockets bind, given the ones it advertises. A socket on a wildcard address answers
 * from whichever local address the kernel routes back through, and ICE agents (libwebrtc, browsers) drop answers
 * that do not come from the candidate they checked: a client on the same host whose check leaves from its LAN
 * address towards an advertised 127.0.0.1 would never connect. So every advertised address that belongs to this
 * host gets its own socket, and what a pair sends leaves through the socket its check came in on (as mediasoup
 * and LiveKit do).
 *
 * <p>An advertised address that is not local (HEARTH_PUBLIC_IP behind a 1:1 NAT) cannot be bound; its family's
 * wildcard is bound instead, and sources are then right as long as the host has one address of that family,
 * which is the NAT case. An IPv6 wildcard on Linux also receives IPv4 (dual-stack) and would collide with IPv4
 * sockets on the same port, so when IPv6 needs the wildcard, {@code ::} serves everything.
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
        boolean ipv4Wildcard = false;
        boolean ipv6Wildcard = false;
        for (InetAddress address : advertised) {
            if (!isLocal.test(address) || address.isAnyLocalAddress()) {
                if (address instanceof Inet6Address) {
                    ipv6Wildcard = true;
                } else {
                    ipv4Wildcard = true;
                }
            }
        }
        if (ipv6Wildcard) {
            return List.of(IPV6_ANY);
        }
        Set<InetAddress> bind = new LinkedHashSet<>();
        if (ipv4Wildcard) {
            bind.add(IPV4_ANY);
        }
        for (InetAddress address : advertised) {
            if (!(ipv4Wildcard && address instanceof Inet4Address)) {
                bind.add(address);
            }
        }
        return new ArrayList<>(bind);
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
