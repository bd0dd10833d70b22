package dev.hearth.relay.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Writes the relay's offers on one subscribe transport and remembers what it offered, so that every
 * renegotiation keeps earlier m-sections where they were (JSEP §5.2.2).
 *
 * <p>Each call to {@link #createOffer} takes the consumers that should exist now. A mid offered before
 * and now missing becomes a closed section: port 0, {@code a=inactive}, out of the BUNDLE group. Closed
 * sections stay where they are, so live mids never move, until a new consumer would push the offer past
 * 64 m-sections (the most our own parser reads back). Only then is the first closed section recycled
 * for the newcomer, under the newcomer's mid, as JSEP §5.2.2 allows for sections that are already
 * rejected. A mid is never used twice. Not thread-safe: one transport's negotiation is serial.
 *
 * <p>The first m-section tags the BUNDLE group, and its transport is the one everything rides on. libwebrtc
 * answers the rejection of that section by tearing the transport down (DTLS close_notify) and starting a new
 * one, so when its consumer goes the first section is only disabled: inactive, still bundled, with its
 * transport lines. It is never recycled either; the BUNDLE tag stays the same mid for the transport's life.
 */
public final class SubscribeOfferer {

    private final RelayCapabilities capabilities;
    private final Supplier<IceCredentials> restartCredentials;
    private final int maxSections;
    private final Set<String> usedMids = new HashSet<>();
    private RelayTransportParameters relay;
    private SdpOrigin origin;
    private final Map<String, Section> sections = new LinkedHashMap<>();
    private SubscribeOffer lastOffer;

    /**
     * @param relay              the relay's transport parameters for this subscribe transport
     * @param restartCredentials where new ICE credentials come from on an ICE restart; the ICE layer
     *                           must learn them from {@link SubscribeOffer#relayIce()}
     * @param origin             the first offer's origin; later offers increment its version
     */
    public SubscribeOfferer(RelayTransportParameters relay, RelayCapabilities capabilities,
                            Supplier<IceCredentials> restartCredentials, SdpOrigin origin) {
        this(relay, capabilities, restartCredentials, origin, SdpParser.MAX_MEDIA_SECTIONS);
    }

    /** With a smaller section limit, so tests can reach recycling without 64 consumers. */
    SubscribeOfferer(RelayTransportParameters relay, RelayCapabilities capabilities,
                     Supplier<IceCredentials> restartCredentials, SdpOrigin origin, int maxSections) {
        if (maxSections < 1 || maxSections > SdpParser.MAX_MEDIA_SECTIONS) {
            throw new IllegalArgumentException("section limit must be 1-" + SdpParser.MAX_MEDIA_SECTIONS);
        }
        this.maxSections = maxSections;
        this.relay = Objects.requireNonNull(relay, "relay");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.restartCredentials = Objects.requireNonNull(restartCredentials, "restartCredentials");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * @param consumers  the consumers that should be live after this negotiation, new ones last in
     *                   the order their m-sections should be appended
     * @param iceRestart whether to take new ICE credentials (RFC 8445 §9)
     * @throws IllegalArgumentException for a repeated mid, a mid whose kind changed, a closed mid
     *                                  brought back, or more live consumers than 64 m-sections hold
     */
    public SubscribeOffer createOffer(List<ConsumerDescription> consumers, boolean iceRestart) {
        Map<String, ConsumerDescription> wanted = new LinkedHashMap<>();
        for (ConsumerDescription c : consumers) {
            if (wanted.putIfAbsent(c.mid(), c) != null) {
                throw new IllegalArgumentException("two consumers share one mid");
            }
            Section known = sections.get(c.mid());
            if (known != null && known.kind != c.kind()) {
                throw new IllegalArgumentException("a mid keeps its media kind for the life of the transport");
            }
            if ((known != null && known.consumer == null) || (known == null && usedMids.contains(c.mid()))) {
                throw new IllegalArgumentException("a closed mid is never reopened");
            }
        }
        if (sections.isEmpty() && wanted.isEmpty()) {
            throw new IllegalArgumentException("a first subscribe offer needs at least one consumer");
        }
        List<ConsumerDescription> added = wanted.values().stream().filter(c -> !sections.containsKey(c.mid()))
                .toList();
        int recycle = Math.max(0, sections.size() + added.size() - maxSections);
        String tag = bundleTag();
        List<Section> next = new ArrayList<>();
        int addedIndex = 0;
        for (Section s : sections.values()) {
            if (s.consumer == null && addedIndex < recycle && !s.mid.equals(tag)) {
                // Only sections already closed in an earlier, answered offer are recycled (JSEP §5.2.2).
                ConsumerDescription c = added.get(addedIndex++);
                next.add(new Section(c.mid(), c.kind(), c, c.codec()));
            } else {
                next.add(new Section(s.mid, s.kind, wanted.get(s.mid), closedCodec(s)));
            }
        }
        for (ConsumerDescription c : added.subList(addedIndex, added.size())) {
            next.add(new Section(c.mid(), c.kind(), c, c.codec()));
        }
        if (next.size() > maxSections) {
            throw new IllegalArgumentException("a subscribe transport carries at most " + maxSections
                    + " m-sections; recreate it");
        }
        checkPayloadTypesAgreeWithinBundle(next);

        if (iceRestart) {
            relay = relay.withIce(restartCredentials.get());
        }
        if (lastOffer != null) {
            origin = origin.next();
        }
        sections.clear();
        next.forEach(section -> sections.put(section.mid, section));
        usedMids.addAll(sections.keySet());
        lastOffer = write();
        return lastOffer;
    }

    /** The last offer made, or null before the first. */
    public SubscribeOffer lastOffer() {
        return lastOffer;
    }

    /** Reads the client's answer to the last offer. */
    public SubscribeAnswer acceptAnswer(String answerSdp) {
        if (lastOffer == null) {
            throw new IllegalStateException("no offer was made");
        }
        return acceptAnswer(SdpParser.parse(answerSdp));
    }

    /** {@link #acceptAnswer(String)} of an answer parsed beforehand. */
    public SubscribeAnswer acceptAnswer(SessionDescription answer) {
        if (lastOffer == null) {
            throw new IllegalStateException("no offer was made");
        }
        return SubscribeAnswer.of(answer, lastOffer);
    }

    /** The mid of the first m-section, which tags the BUNDLE group; null before the first offer. */
    private String bundleTag() {
        return sections.isEmpty() ? null : sections.keySet().iterator().next();
    }

    private SubscribeOffer write() {
        List<String> mids = new ArrayList<>(sections.keySet());
        List<String> active = sections.values().stream().filter(s -> s.consumer != null).map(s -> s.mid).toList();
        String tag = bundleTag();
        List<String> bundled = sections.values().stream().filter(s -> s.consumer != null || s.mid.equals(tag))
                .map(s -> s.mid).toList();
        Set<String> streams = new TreeSet<>();
        sections.values().stream().filter(s -> s.consumer != null)
                .forEach(s -> streams.add(s.consumer.streamId()));

        SdpWriter w = new SdpWriter().sessionHeader(origin).bundle(bundled);
        w.line("a=msid-semantic: WMS" + (streams.isEmpty() ? "" : " " + String.join(" ", streams)));
        for (Section s : sections.values()) {
            if (s.consumer == null && s.mid.equals(tag)) {
                writeDisabled(w, s);
            } else if (s.consumer == null) {
                writeClosed(w, s);
            } else {
                writeActive(w, s.consumer);
            }
        }
        return new SubscribeOffer(w.toString(), origin, relay.ice(), mids, active);
    }

    private void writeActive(SdpWriter w, ConsumerDescription c) {
        List<NegotiatedCodec> codecs = List.of(c.codec());
        w.mediaLine(c.kind(), relay.candidatePort(), codecs)
                .connection(relay)
                .line("a=mid:" + c.mid())
                .transport(relay, Setup.ACTPASS)
                .line("a=sendonly")
                .line("a=msid:" + c.streamId() + " " + c.trackId())
                .line("a=rtcp-mux")
                .line("a=rtcp-rsize")
                .extensions(capabilities.ownHeaderExtensions(c.kind()))
                .codecs(codecs);
        if (c.rtxSsrc().isPresent()) {
            w.line("a=ssrc-group:FID " + c.ssrc() + " " + c.rtxSsrc().getAsLong());
        }
        writeSsrc(w, c.ssrc(), c);
        if (c.rtxSsrc().isPresent()) {
            writeSsrc(w, c.rtxSsrc().getAsLong(), c);
        }
        w.hostCandidates(relay);
    }

    private static void writeSsrc(SdpWriter w, long ssrc, ConsumerDescription c) {
        w.line("a=ssrc:" + ssrc + " cname:" + c.cname());
        w.line("a=ssrc:" + ssrc + " msid:" + c.streamId() + " " + c.trackId());
    }

    /** The BUNDLE tag without a consumer: nothing flows, but the transport it carries stays. */
    private void writeDisabled(SdpWriter w, Section s) {
        List<NegotiatedCodec> only = List.of(withoutRtx(s.lastCodec));
        w.mediaLine(s.kind, relay.candidatePort(), only)
                .connection(relay)
                .line("a=mid:" + s.mid)
                .transport(relay, Setup.ACTPASS)
                .line("a=inactive")
                .line("a=rtcp-mux")
                .line("a=rtcp-rsize")
                .codecs(only);
        w.hostCandidates(relay);
    }

    private static NegotiatedCodec withoutRtx(NegotiatedCodec codec) {
        return new NegotiatedCodec(codec.payloadType(), codec.name(), codec.clockRate(), codec.channels(),
                Optional.empty(), List.of(), OptionalInt.empty());
    }

    /**
     * A closed section (JSEP §5.2.2): port 0, inactive, no transport lines. It still names one codec
     * because an m-line needs a format.
     */
    private static void writeClosed(SdpWriter w, Section s) {
        List<NegotiatedCodec> only = List.of(withoutRtx(s.lastCodec));
        w.mediaLine(s.kind, 0, only)
                .line("c=IN IP4 0.0.0.0")
                .line("a=mid:" + s.mid)
                .line("a=inactive")
                .codecs(only);
    }

    private static NegotiatedCodec closedCodec(Section s) {
        return s.consumer != null ? s.consumer.codec() : s.lastCodec;
    }

    /**
     * In one bundle a payload type means one codec (RFC 8843 §9.1), since the relay demuxes nothing by
     * payload type but the browser does.
     */
    private static void checkPayloadTypesAgreeWithinBundle(List<Section> next) {
        Map<Integer, String> codecByPt = new LinkedHashMap<>();
        for (Section s : next) {
            if (s.consumer == null) {
                continue;
            }
            NegotiatedCodec c = s.consumer.codec();
            String identity = c.name().toLowerCase(Locale.ROOT) + "/" + c.clockRate() + "/"
                    + c.channels() + "/" + c.fmtp().orElse("");
            bind(codecByPt, c.payloadType(), identity);
            c.rtxPayloadType().ifPresent(
                    rtx -> bind(codecByPt, rtx, "rtx/" + c.clockRate() + "/apt=" + c.payloadType()));
        }
    }

    private static void bind(Map<Integer, String> codecByPt, int pt, String identity) {
        String previous = codecByPt.putIfAbsent(pt, identity);
        if (previous != null && !previous.equals(identity)) {
            throw new IllegalArgumentException("payload type " + pt + " would mean two codecs in one bundle");
        }
    }

    /** What the offerer remembers about one m-section. */
    private record Section(String mid, MediaKind kind, ConsumerDescription consumer, NegotiatedCodec lastCodec) {
    }
}
