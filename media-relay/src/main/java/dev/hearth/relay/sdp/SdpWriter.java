package dev.hearth.relay.sdp;

import java.util.List;

/**
 * Writes the lines the relay's answers and offers share. Every value written here was either built
 * by the relay or checked to be a token, so nothing from a peer can add lines of its own.
 */
final class SdpWriter {

    private final StringBuilder out = new StringBuilder(2048);

    SdpWriter line(String text) {
        out.append(text).append("\r\n");
        return this;
    }

    /** v=, o=, s=, t= and a=ice-lite: the relay never gathers, it only answers checks (RFC 8445 §2.5). */
    SdpWriter sessionHeader(SdpOrigin origin) {
        line("v=0");
        line("o=- " + origin.sessionId() + " " + origin.version() + " IN IP4 127.0.0.1");
        line("s=-");
        line("t=0 0");
        line("a=ice-lite");
        return this;
    }

    SdpWriter bundle(List<String> mids) {
        if (!mids.isEmpty()) {
            line("a=group:BUNDLE " + String.join(" ", mids));
        }
        return this;
    }

    /** The connection line of an m-section that carries media on the relay's candidate. */
    SdpWriter connection(RelayTransportParameters relay) {
        return line("c=IN " + relay.addressType() + " " + relay.candidateAddress());
    }

    SdpWriter transport(RelayTransportParameters relay, Setup setup) {
        line("a=ice-ufrag:" + relay.ice().ufrag());
        line("a=ice-pwd:" + relay.ice().pwd());
        line("a=fingerprint:" + relay.fingerprint().attributeValue());
        line("a=setup:" + setup.token());
        return this;
    }

    /** Every candidate of the relay: it gathers nothing later (ICE-lite), so the list ends here. */
    SdpWriter hostCandidates(RelayTransportParameters relay) {
        List<HostCandidate> candidates = relay.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            line("a=candidate:" + candidates.get(i).attributeValue(i));
        }
        line("a=end-of-candidates");
        return this;
    }

    SdpWriter mediaLine(MediaKind kind, int port, List<NegotiatedCodec> codecs) {
        StringBuilder m = new StringBuilder("m=").append(kind.token()).append(' ').append(port)
                .append(" UDP/TLS/RTP/SAVPF");
        for (NegotiatedCodec c : codecs) {
            m.append(' ').append(c.payloadType());
            c.rtxPayloadType().ifPresent(rtx -> m.append(' ').append(rtx));
        }
        return line(m.toString());
    }

    SdpWriter extensions(List<HeaderExtension> extensions) {
        for (HeaderExtension e : extensions) {
            line("a=extmap:" + e.id() + " " + e.uri());
        }
        return this;
    }

    /** rtpmap, fmtp and rtcp-fb lines of each codec, each followed by its RTX payload type. */
    SdpWriter codecs(List<NegotiatedCodec> codecs) {
        for (NegotiatedCodec c : codecs) {
            String encoding = c.name() + "/" + c.clockRate() + (c.channels() > 1 ? "/" + c.channels() : "");
            line("a=rtpmap:" + c.payloadType() + " " + encoding);
            c.fmtp().ifPresent(f -> line("a=fmtp:" + c.payloadType() + " " + f));
            for (RtcpFeedback fb : c.feedback()) {
                line("a=rtcp-fb:" + c.payloadType() + " " + fb.attributeText());
            }
            if (c.rtxPayloadType().isPresent()) {
                int rtx = c.rtxPayloadType().getAsInt();
                line("a=rtpmap:" + rtx + " rtx/" + c.clockRate());
                line("a=fmtp:" + rtx + " apt=" + c.payloadType());
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
