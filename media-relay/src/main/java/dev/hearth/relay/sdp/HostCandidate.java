package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One host candidate of the relay (an ICE-lite agent has no other kind): an address the relay listens on, over
 * UDP or, for networks that drop UDP, passive ICE-TCP (RFC 6544: the relay only accepts connections).
 *
 * @param address an IPv4 or IPv6 literal; host names are refused so no lookup can happen
 */
public record HostCandidate(Protocol protocol, String address, int port) {

    public enum Protocol { UDP, TCP_PASSIVE }

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** RFC 8445 §5.1.2.2: the type preference of host candidates. */
    private static final int HOST_TYPE_PREFERENCE = 126;
    /** RFC 6544 §4.2: the direction preference of passive candidates, in the top 3 bits of the local preference. */
    private static final int PASSIVE_DIRECTION_PREFERENCE = 4;

    public HostCandidate {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        boolean ipv6 = address.indexOf(':') >= 0 && IPV6.matcher(address).matches();
        if (!isIpv4(address) && !ipv6) {
            throw new IllegalArgumentException("candidate address must be an IP literal");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("candidate port must be 1-65535");
        }
    }

    public static HostCandidate udp(String address, int port) {
        return new HostCandidate(Protocol.UDP, address, port);
    }

    public static HostCandidate tcp(String address, int port) {
        return new HostCandidate(Protocol.TCP_PASSIVE, address, port);
    }

    public boolean isIpv4() {
        return isIpv4(address);
    }

    /**
     * RFC 8445 §5.1.2.1 for component 1: {@code index} (the candidate's place in the relay's list) makes every
     * local preference unique. UDP ones stay above every TCP one (65535 - index against 4·2^13 + 8191 - index), so a
     * browser that can use UDP does; TCP is the way in when nothing else works.
     */
    long priority(int index) {
        int localPreference = protocol == Protocol.UDP
                ? 65535 - index
                : (PASSIVE_DIRECTION_PREFERENCE << 13) + 8191 - index;
        return ((long) HOST_TYPE_PREFERENCE << 24) + ((long) localPreference << 8) + (256 - 1);
    }

    /** The {@code a=candidate} value; {@code index} numbers the foundation (one per address and protocol). */
    String attributeValue(int index) {
        String transport = protocol == Protocol.UDP ? "udp" : "tcp";
        String line = (index + 1) + " 1 " + transport + " " + priority(index) + " " + address + " " + port + " typ host";
        return protocol == Protocol.UDP ? line : line + " tcptype passive";
    }

    private static boolean isIpv4(String address) {
        return IPV4.matcher(address).matches();
    }
}
