package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;

/**
 * What the relay puts in its descriptions about one WebRTC transport: its ICE credentials, its DTLS
 * certificate fingerprint and its host candidates. The first candidate is the default one of the m= and c= lines
 * (RFC 8839 §4.2.1.1): a UDP candidate, IPv4 when there is one, since every browser can use that.
 */
public record RelayTransportParameters(IceCredentials ice, Fingerprint fingerprint, List<HostCandidate> candidates) {

    public RelayTransportParameters {
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the relay needs at least one candidate");
        }
    }

    /** One UDP host candidate. */
    public RelayTransportParameters(IceCredentials ice, Fingerprint fingerprint, String candidateAddress,
                                    int candidatePort) {
        this(ice, fingerprint, List.of(HostCandidate.udp(candidateAddress, candidatePort)));
    }

    public RelayTransportParameters withIce(IceCredentials newIce) {
        return new RelayTransportParameters(newIce, fingerprint, candidates);
    }

    /** The default candidate's address, for c= lines. */
    public String candidateAddress() {
        return candidates.get(0).address();
    }

    /** The default candidate's port, for m= lines. */
    public int candidatePort() {
        return candidates.get(0).port();
    }

    /** "IP4" or "IP6", for c= lines. */
    String addressType() {
        return candidates.get(0).isIpv4() ? "IP4" : "IP6";
    }
}
