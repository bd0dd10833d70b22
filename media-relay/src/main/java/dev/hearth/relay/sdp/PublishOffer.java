package dev.hearth.relay.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A client's offer on its publish transport, read for what the relay needs: the client's ICE and DTLS
 * identity, and per mid the kind, the chosen codecs, the header extension ids and the sender SSRCs.
 * Build the reply with {@link PublishAnswer#write}.
 *
 * @param clientSetup the DTLS role the client offered (actpass or active; the relay is the server)
 */
public record PublishOffer(IceCredentials clientIce, Fingerprint clientFingerprint, Setup clientSetup,
                           List<PublishedMedia> media, SessionDescription description) {

    private static final String RTP_PROFILE = "RTP/SAVPF";

    public PublishOffer {
        Objects.requireNonNull(clientIce, "clientIce");
        Objects.requireNonNull(clientFingerprint, "clientFingerprint");
        Objects.requireNonNull(clientSetup, "clientSetup");
        media = List.copyOf(media);
        Objects.requireNonNull(description, "description");
    }

    public static PublishOffer parse(String sdp, RelayCapabilities capabilities) {
        return from(SdpParser.parse(sdp), capabilities);
    }

    public static PublishOffer from(SessionDescription offer, RelayCapabilities capabilities) {
        Set<String> mids = new HashSet<>();
        for (MediaDescription m : offer.media()) {
            String mid = m.mid().orElseThrow(() -> new SdpException("every m= section of an offer needs a=mid"));
            if (!mids.add(mid)) {
                throw new SdpException("offer repeats a mid");
            }
        }
        Optional<Group> bundle = offer.bundleGroup();
        List<PublishedMedia> media = new ArrayList<>();
        MediaDescription transportSection = null;
        for (MediaDescription m : offer.media()) {
            boolean bundled = bundle.map(g -> g.mids().contains(m.mid().orElseThrow()))
                    // Without BUNDLE the relay's single transport can carry one m-section only.
                    .orElse(transportSection == null);
            PublishedMedia published = decide(m, bundled, capabilities);
            if (published.accepted() && transportSection == null) {
                transportSection = m;
            }
            media.add(published);
        }
        if (transportSection == null) {
            throw new SdpException("offer has no audio or video the relay can receive");
        }
        IceCredentials ice = offer.iceCredentials(transportSection)
                .orElseThrow(() -> new SdpException("offer has no ICE credentials"));
        Fingerprint fingerprint = preferredFingerprint(offer.effectiveFingerprints(transportSection));
        Setup setup = offer.effectiveSetup(transportSection).orElse(Setup.ACTPASS);
        if (setup != Setup.ACTPASS && setup != Setup.ACTIVE) {
            throw new SdpException("offer must let the relay be the DTLS server (setup actpass or active)");
        }
        return new PublishOffer(ice, fingerprint, setup, media, offer);
    }

    public Optional<PublishedMedia> media(String mid) {
        return media.stream().filter(m -> m.mid().equals(mid)).findFirst();
    }

    public List<PublishedMedia> acceptedMedia() {
        return media.stream().filter(PublishedMedia::accepted).toList();
    }

    private static PublishedMedia decide(MediaDescription m, boolean bundled, RelayCapabilities capabilities) {
        String mid = m.mid().orElseThrow();
        // Port 0 with bundle-only is not a rejection but a section that exists only inside the bundle
        // (RFC 8843 §6).
        boolean disabled = m.isRejected() && !m.hasAttribute("bundle-only");
        boolean candidate = m.kind().isRtp() && !disabled && bundled && m.rtcpMux()
                && m.proto().toUpperCase(Locale.ROOT).endsWith(RTP_PROFILE);
        List<NegotiatedCodec> codecs = candidate ? capabilities.selectCodecs(m) : List.of();
        boolean accepted = !codecs.isEmpty();
        if (!accepted) {
            return new PublishedMedia(mid, m.kind(), false, Direction.INACTIVE, List.of(), List.of(), List.of(),
                    Optional.empty(), Optional.empty(), m.rids(), false, m, List.of());
        }
        Direction answerDirection = m.effectiveDirection().sends() ? Direction.RECVONLY : Direction.INACTIVE;
        Optional<String> cname = m.ssrcs().stream().flatMap(s -> s.cname().stream()).findFirst();
        Optional<Msid> msid = m.msids().stream().findFirst()
                .or(() -> m.ssrcs().stream().flatMap(s -> s.msid().stream()).findFirst());
        List<HeaderExtension> extensions = capabilities.selectHeaderExtensions(m);
        List<Simulcast.Stream> simulcast = answerDirection == Direction.RECVONLY
                ? capabilities.selectSimulcast(m, extensions) : List.of();
        return new PublishedMedia(mid, m.kind(), true, answerDirection, codecs, extensions, senders(m), cname, msid,
                m.rids(), m.rtcpRsize(), m, simulcast);
    }

    /**
     * Media SSRCs paired with their RTX SSRCs. An SSRC that is the second member of an FID group is a
     * retransmission stream, not a sender of its own. With a SIM group, layers follow its order.
     */
    static List<SenderStream> senders(MediaDescription m) {
        Map<Long, Long> rtxOf = new HashMap<>();
        Set<Long> rtxSsrcs = new HashSet<>();
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equalsIgnoreCase(SsrcGroup.FID) && g.ssrcs().size() == 2) {
                rtxOf.putIfAbsent(g.ssrcs().get(0), g.ssrcs().get(1));
                rtxSsrcs.add(g.ssrcs().get(1));
            }
        }
        Set<Long> order = new LinkedHashSet<>();
        m.ssrcGroups().stream().filter(g -> g.semantics().equalsIgnoreCase(SsrcGroup.SIM)).findFirst()
                .ifPresent(g -> order.addAll(g.ssrcs()));
        m.ssrcs().forEach(s -> order.add(s.ssrc()));
        List<SenderStream> senders = new ArrayList<>();
        for (long ssrc : order) {
            if (!rtxSsrcs.contains(ssrc)) {
                Long rtx = rtxOf.get(ssrc);
                senders.add(new SenderStream(ssrc, rtx == null ? OptionalLong.empty() : OptionalLong.of(rtx)));
            }
        }
        return senders;
    }

    /** SHA-256 when offered: every browser writes it, and weaker hashes should not win by coming first. */
    private static Fingerprint preferredFingerprint(List<Fingerprint> fingerprints) {
        if (fingerprints.isEmpty()) {
            throw new SdpException("offer has no DTLS fingerprint");
        }
        return fingerprints.stream().filter(f -> f.algorithm().equals("sha-256")).findFirst()
                .orElse(fingerprints.get(0));
    }
}
