package dev.hearth.signaling.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client address the knock limit and "removed earlier" go by: the one Tomcat reports (after
 * {@code RemoteIpValve} when a trusted proxy is configured). An IPv6 client counts by its /64, the network one
 * household or phone is given and within which it picks fresh addresses at will.
 */
final class ClientAddresses {

    /** Only literals are parsed, so no string a client influences can start a DNS lookup. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ClientAddresses() {
    }

    static Optional<String> key(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isBlank()) {
            return Optional.empty();
        }
        String address = remoteAddr.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (!IPV6_LITERAL.matcher(address).matches()) {
            return Optional.of(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16) {
                return Optional.of(HexFormat.of().formatHex(bytes, 0, 8) + "::/64");
            }
            return Optional.of(InetAddress.getByAddress(bytes).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.of(address);
        }
    }
}
