package dev.hearth.relay.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses the relay advertises as host candidates. Behind NAT (a cloud VM, a container) the interface
 * addresses are unreachable for browsers, so the operator configures the public ones (signaling parses them
 * with {@link #parseLiteral}); otherwise every address of an interface that is up, IPv4 first, IPv6 included
 * (global and unique-local; link-local ones need a scope no browser knows), plus 127.0.0.1 and, where the host
 * has it, ::1 when asked for (tests, local dev).
 */
public final class CandidateAddresses {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private CandidateAddresses() {
    }

    /** The host's own interface addresses, IPv4 first, and loopback when asked for. */
    public static List<InetAddress> hostAddresses(boolean includeLoopback) {
        List<InetAddress> addresses = new ArrayList<>(interfaceAddresses());
        if (includeLoopback) {
            InetAddress loopback4 = parseLiteral("127.0.0.1");
            InetAddress loopback6 = parseLiteral("::1");
            if (!addresses.contains(loopback4)) {
                addresses.add(loopback4);
            }
            // Only when it exists: binding ::1 on a host without IPv6 would stop the relay from starting.
            if (!addresses.contains(loopback6) && isInterfaceAddress(loopback6)) {
                addresses.add(loopback6);
            }
        }
        addresses.sort(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1));
        return List.copyOf(addresses);
    }

    /**
     * Parses an IPv4 or IPv6 literal without any name lookup. Host names are refused so that start-up never
     * depends on DNS.
     */
    public static InetAddress parseLiteral(String text) {
        boolean ipv4 = IPV4.matcher(text).matches();
        boolean ipv6 = text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("not an IP address literal");
        }
        try {
            // A literal never triggers a lookup; the patterns above guarantee it is one.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a valid IP address", e);
        }
    }

    private static boolean isInterfaceAddress(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        addresses.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list (a locked-down sandbox): the caller still gets loopback.
            return List.of();
        }
        return addresses;
    }
}
