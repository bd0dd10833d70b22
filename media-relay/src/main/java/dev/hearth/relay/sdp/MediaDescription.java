package dev.hearth.relay.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One m-section. ICE credentials, fingerprints and setup are as written in this section; use
 * {@link SessionDescription#iceCredentials(MediaDescription)} and friends for the values that apply
 * once session-level defaults are taken into account.
 *
 * @param media      the media token as written ("audio", "video", "application", ...)
 * @param formats    the m-line's format list, in order (payload types for RTP)
 * @param codecs     RTP payload types that have an {@code a=rtpmap}, in m-line order
 * @param direction  the direction attribute; absent means sendrecv (RFC 8866 §6.7)
 */
public record MediaDescription(
        MediaKind kind,
        String media,
        int port,
        String proto,
        List<String> formats,
        Optional<String> mid,
        Optional<Direction> direction,
        Optional<String> iceUfrag,
        Optional<String> icePwd,
        List<String> iceOptions,
        List<Fingerprint> fingerprints,
        Optional<Setup> setup,
        boolean rtcpMux,
        boolean rtcpRsize,
        List<RtpCodec> codecs,
        List<HeaderExtension> headerExtensions,
        List<SsrcDescription> ssrcs,
        List<SsrcGroup> ssrcGroups,
        List<Msid> msids,
        List<Rid> rids,
        Optional<Simulcast> simulcast,
        List<Candidate> candidates,
        boolean endOfCandidates,
        List<Attribute> otherAttributes) {

    public MediaDescription {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(proto, "proto");
        formats = List.copyOf(formats);
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        iceOptions = List.copyOf(iceOptions);
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
        ssrcs = List.copyOf(ssrcs);
        ssrcGroups = List.copyOf(ssrcGroups);
        msids = List.copyOf(msids);
        rids = List.copyOf(rids);
        Objects.requireNonNull(simulcast, "simulcast");
        candidates = List.copyOf(candidates);
        otherAttributes = List.copyOf(otherAttributes);
    }

    /** A summary without credentials, safe for logs. */
    @Override
    public String toString() {
        return "MediaDescription[kind=" + kind + ", port=" + port + ", proto=" + proto + ", codecs="
                + codecs.size() + ", direction=" + effectiveDirection() + "]";
    }

    /** A port of zero rejects (in an answer) or disables (in an offer) the section (RFC 3264 §6). */
    public boolean isRejected() {
        return port == 0;
    }

    /** Whether an attribute the parser keeps generically, such as {@code bundle-only}, is present. */
    public boolean hasAttribute(String name) {
        return otherAttributes.stream().anyMatch(a -> a.name().equals(name));
    }

    public Direction effectiveDirection() {
        return direction.orElse(Direction.SENDRECV);
    }

    public Optional<RtpCodec> codec(int payloadType) {
        return codecs.stream().filter(c -> c.payloadType() == payloadType).findFirst();
    }

    public List<Long> ssrcGroup(String semantics, long firstSsrc) {
        return ssrcGroups.stream()
                .filter(g -> g.semantics().equalsIgnoreCase(semantics) && !g.ssrcs().isEmpty()
                        && g.ssrcs().get(0) == firstSsrc)
                .findFirst().map(SsrcGroup::ssrcs).orElse(List.of());
    }
}
