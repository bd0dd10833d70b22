package dev.hearth.relay.sdp;

import java.util.Map;
import java.util.Objects;

/**
 * {@code a=candidate} (RFC 8839 §5.1), parsed for information only: an ICE-lite relay never checks
 * the peer's candidates, it answers whatever 5-tuple sends it a valid Binding request.
 * {@code extensions} holds the trailing name/value pairs such as {@code raddr}, {@code rport},
 * {@code tcptype} and {@code generation}.
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
                        int port, String type, Map<String, String> extensions) {
    public Candidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        extensions = Map.copyOf(extensions);
    }
}
