package dev.hearth.relay.sdp;

import java.util.Objects;
import java.util.Optional;

/** One {@code a=rtcp-fb} capability, e.g. {@code nack pli} is type "nack" with parameter "pli". */
public record RtcpFeedback(String type, Optional<String> parameter) {

    public static final RtcpFeedback TRANSPORT_CC = of("transport-cc");
    public static final RtcpFeedback NACK = of("nack");
    public static final RtcpFeedback NACK_PLI = of("nack", "pli");
    public static final RtcpFeedback CCM_FIR = of("ccm", "fir");
    public static final RtcpFeedback GOOG_REMB = of("goog-remb");

    public RtcpFeedback {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameter, "parameter");
    }

    public static RtcpFeedback of(String type) {
        return new RtcpFeedback(type, Optional.empty());
    }

    public static RtcpFeedback of(String type, String parameter) {
        return new RtcpFeedback(type, Optional.of(parameter));
    }

    /** The text after the payload type, as written in {@code a=rtcp-fb:<pt> <text>}. */
    public String attributeText() {
        return parameter.map(p -> type + " " + p).orElse(type);
    }
}
