package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One m-section of a publish offer, after the relay decided what to do with it.
 *
 * @param accepted        false when the relay answers with port 0 (data channels, unknown kinds,
 *                        no common codec, outside the BUNDLE group, no rtcp-mux)
 * @param answerDirection recvonly when the publisher sends; inactive otherwise
 * @param codecs          chosen codecs, preferred first, with the offer's payload types
 * @param senders         announced SSRCs, simulcast layers in SIM order when grouped; empty when the
 *                        publisher identifies streams by rid or MID only
 * @param offered         the m-section as offered, kept for the answer's rejected lines
 * @param simulcastReceive the rid layers the answer accepts, in the offer's order; empty without simulcast
 *                         (always so unless {@link RelayCapabilities#receivesSimulcast()})
 */
public record PublishedMedia(String mid, MediaKind kind, boolean accepted, Direction answerDirection,
                             List<NegotiatedCodec> codecs, List<HeaderExtension> headerExtensions,
                             List<SenderStream> senders, Optional<String> cname, Optional<Msid> msid,
                             List<Rid> rids, boolean rtcpRsize, MediaDescription offered,
                             List<Simulcast.Stream> simulcastReceive) {

    public PublishedMedia {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(answerDirection, "answerDirection");
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
        senders = List.copyOf(senders);
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(msid, "msid");
        rids = List.copyOf(rids);
        Objects.requireNonNull(offered, "offered");
        simulcastReceive = List.copyOf(simulcastReceive);
    }

    /** The id the publisher uses for a header extension in this section, if negotiated. */
    public Optional<Integer> headerExtensionId(String uri) {
        return headerExtensions.stream().filter(e -> e.uri().equals(uri)).map(HeaderExtension::id).findFirst();
    }
}
