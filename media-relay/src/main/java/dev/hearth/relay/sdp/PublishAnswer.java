package dev.hearth.relay.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The relay's answer on a publish transport (JSEP §5.3): same mids in the same order, every accepted
 * section recvonly on the one bundled ICE-lite transport with DTLS setup passive, everything else
 * rejected with port 0.
 */
public final class PublishAnswer {

    private PublishAnswer() {
    }

    /**
     * @param origin the relay's origin for this transport; pass {@link SdpOrigin#next()} of the last
     *               one on each renegotiation
     */
    public static String write(PublishOffer offer, RelayTransportParameters relay, SdpOrigin origin) {
        List<String> bundled = new ArrayList<>();
        // The answerer's BUNDLE group keeps the offer's order (RFC 8843 §7.3.1); without an offered
        // group the single accepted section still gets one, as max-bundle peers expect.
        List<String> order = offer.description().bundleGroup().map(Group::mids)
                .orElse(offer.media().stream().map(PublishedMedia::mid).toList());
        for (String mid : order) {
            offer.media(mid).filter(PublishedMedia::accepted).ifPresent(m -> {
                if (!bundled.contains(mid)) {
                    bundled.add(mid);
                }
            });
        }
        SdpWriter w = new SdpWriter().sessionHeader(origin).bundle(bundled);
        for (PublishedMedia m : offer.media()) {
            if (m.accepted()) {
                writeAccepted(w, m, relay);
            } else {
                writeRejected(w, m);
            }
        }
        return w.toString();
    }

    private static void writeAccepted(SdpWriter w, PublishedMedia m, RelayTransportParameters relay) {
        w.mediaLine(m.kind(), relay.candidatePort(), m.codecs())
                .connection(relay)
                .line("a=mid:" + m.mid())
                .transport(relay, Setup.PASSIVE)
                .line("a=" + m.answerDirection().attribute())
                .line("a=rtcp-mux");
        if (m.rtcpRsize()) {
            w.line("a=rtcp-rsize");
        }
        w.extensions(m.headerExtensions()).codecs(m.codecs());
        writeSimulcast(w, m);
        w.hostCandidates(relay);
    }

    /**
     * Receive simulcast (RFC 8853 section 5.3): one {@code a=rid:<id> recv} per accepted layer, without the
     * offer's restrictions (the relay imposes none and RFC 8851 section 6.2 lets the answerer drop them), and the
     * layers as one alternative each, in the offer's order, paused ones still paused. The rids passed
     * {@link RelayCapabilities#selectSimulcast}, so each is a plain token.
     */
    private static void writeSimulcast(SdpWriter w, PublishedMedia m) {
        if (m.simulcastReceive().isEmpty()) {
            return;
        }
        StringBuilder list = new StringBuilder();
        for (Simulcast.Stream s : m.simulcastReceive()) {
            w.line("a=rid:" + s.rid() + " recv");
            list.append(list.isEmpty() ? "" : ";").append(s.paused() ? "~" : "").append(s.rid());
        }
        w.line("a=simulcast:recv " + list);
    }

    /**
     * A rejected section repeats the offer's media, proto and formats with port 0 (RFC 3264 §6) and
     * keeps its mid. Anything not a token is replaced, so a hostile offer cannot shape our lines.
     */
    private static void writeRejected(SdpWriter w, PublishedMedia m) {
        MediaDescription offered = m.offered();
        String media = SdpTokens.isToken(offered.media()) ? offered.media() : "application";
        String proto = SdpTokens.isProto(offered.proto()) ? offered.proto() : "UDP/TLS/RTP/SAVPF";
        List<String> formats = offered.formats().stream().filter(SdpTokens::isToken).limit(1).toList();
        w.line("m=" + media + " 0 " + proto + " " + (formats.isEmpty() ? "0" : formats.get(0)))
                .line("c=IN IP4 0.0.0.0")
                .line("a=mid:" + m.mid());
    }
}
