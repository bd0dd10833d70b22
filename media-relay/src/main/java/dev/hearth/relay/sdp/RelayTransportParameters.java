package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the relay puts in its descriptions about one WebRTC transport: its ICE credentials, its DTLS
 * certificate fingerprint and its single host candidate (the relay's shared UDP port).
 *
 * @param candidateAddress an IPv4 or IPv6 literal; host names are refused so no lookup can happen
 */
public record RelayTransportParameters(IceCredentials ice, Fingerprint fingerprint, String candidateAddress,
                                       int candidatePort) {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public RelayTransportParameters {
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(candidateAddress, "candidateAddress");
        boolean ipv6 = candidateAddress.indexOf(':') >= 0 && IPV6.matcher(candidateAddress).matches();
        if (!isIpv4(candidateAddress) && !ipv6) {
            throw new IllegalArgumentException("candidate address must be an IP literal");
        }
        if (candidatePort < 1 || candidatePort > 65535) {
            throw new IllegalArgumentException("candidate port must be 1-65535");
        }
    }

    public RelayTransportParameters withIce(IceCredentials newIce) {
        return new RelayTransportParameters(newIce, fingerprint, candidateAddress, candidatePort);
    }

    /** "IP4" or "IP6", for c= lines. */
    String addressType() {
        return isIpv4(candidateAddress) ? "IP4" : "IP6";
    }

    private static boolean isIpv4(String address) {
        return IPV4.matcher(address).matches();
    }
}
