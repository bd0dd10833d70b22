package dev.hearth.relay.sdp;

import dev.hearth.relay.rtp.RtpStreamId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the relay can receive and forward, and how it picks from a browser's offer.
 *
 * <p>Audio is Opus only. Video is VP8 first and H.264 constrained baseline with packetization-mode 1
 * when the peer offers it; both with RTX. The relay never transcodes, so a codec is only useful if
 * subscribers can decode it: VP8 and constrained-baseline H.264 are the two every browser has.
 *
 * <p>Receive simulcast (RFC 8853: {@code a=rid:<id> recv} and {@code a=simulcast:recv}, with the rid and repaired
 * rid header extensions of RFC 8852) is off in {@link #standard()}: a browser told so starts sending all its layers,
 * and until the forwarding path selects one layer per subscriber it would forward them all as one stream. Turn it
 * on with {@link #withReceiveSimulcast()} once it does.
 */
public final class RelayCapabilities {

    public static final String EXT_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String EXT_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String EXT_TRANSPORT_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String EXT_ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String EXT_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String EXT_REPAIRED_RTP_STREAM_ID =
            "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /** Layers the relay receives at most: browsers send three; more would only cost the publisher's uplink. */
    public static final int MAX_SIMULCAST_LAYERS = 3;

    /** Opus parameters the relay asks senders to use: 10 ms packets allowed, in-band FEC on. */
    public static final String OPUS_FMTP = "minptime=10;useinbandfec=1";

    private static final List<RtcpFeedback> FEEDBACK = List.of(RtcpFeedback.TRANSPORT_CC, RtcpFeedback.NACK,
            RtcpFeedback.NACK_PLI, RtcpFeedback.CCM_FIR, RtcpFeedback.GOOG_REMB);

    /*
     * Ids the relay uses in its own offers. They match Chrome's defaults, which keeps the rewriting of
     * forwarded packets cheap when the publisher is a Chrome too; one URI has one id in every m-section
     * of the bundle, as RFC 8843 §9.1 requires.
     */
    private static final Map<String, Integer> OWN_EXTENSION_IDS = Map.of(
            EXT_AUDIO_LEVEL, 1, EXT_ABS_SEND_TIME, 2, EXT_TRANSPORT_CC, 3, EXT_MID, 4);

    private static final List<String> AUDIO_EXTENSIONS =
            List.of(EXT_MID, EXT_AUDIO_LEVEL, EXT_TRANSPORT_CC, EXT_ABS_SEND_TIME);
    private static final List<String> VIDEO_EXTENSIONS = List.of(EXT_MID, EXT_TRANSPORT_CC, EXT_ABS_SEND_TIME);
    private static final List<String> SIMULCAST_VIDEO_EXTENSIONS = List.of(EXT_MID, EXT_TRANSPORT_CC,
            EXT_ABS_SEND_TIME, EXT_RTP_STREAM_ID, EXT_REPAIRED_RTP_STREAM_ID);

    private static final RelayCapabilities STANDARD = new RelayCapabilities(false);
    private static final RelayCapabilities WITH_SIMULCAST = new RelayCapabilities(true);

    private final boolean receiveSimulcast;

    private RelayCapabilities(boolean receiveSimulcast) {
        this.receiveSimulcast = receiveSimulcast;
    }

    /** What the relay negotiates today: receive simulcast off. */
    public static RelayCapabilities standard() {
        return STANDARD;
    }

    /** These capabilities plus receive simulcast by rid; only for a forwarding path that selects layers. */
    public RelayCapabilities withReceiveSimulcast() {
        return WITH_SIMULCAST;
    }

    public boolean receivesSimulcast() {
        return receiveSimulcast;
    }

    /**
     * The layers to receive from an offered video section, in the offer's order (its preference), paused ones
     * kept paused; empty, which answers without simulcast, when the flag is off, the section does not offer
     * {@code a=simulcast:send}, the rid extension is not among {@code acceptedExtensions}, or fewer than two
     * offered streams are usable: a valid rid-id ({@link RtpStreamId#isValid}) with its own {@code a=rid:<id> send} line (RFC 8853 section
     * 5.1), each once, at most {@link #MAX_SIMULCAST_LAYERS}.
     */
    public List<Simulcast.Stream> selectSimulcast(MediaDescription offered, List<HeaderExtension> acceptedExtensions) {
        if (!receiveSimulcast || offered.kind() != MediaKind.VIDEO || offered.simulcast().isEmpty()
                || acceptedExtensions.stream().noneMatch(e -> e.uri().equals(EXT_RTP_STREAM_ID))) {
            return List.of();
        }
        Set<String> declared = new HashSet<>();
        for (Rid rid : offered.rids()) {
            if (rid.direction().equals("send")) {
                declared.add(rid.id());
            }
        }
        List<Simulcast.Stream> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Simulcast.Stream s : offered.simulcast().get().send()) {
            if (chosen.size() == MAX_SIMULCAST_LAYERS) {
                break;
            }
            if (RtpStreamId.isValid(s.rid()) && declared.contains(s.rid()) && seen.add(s.rid())) {
                chosen.add(s);
            }
        }
        return chosen.size() < 2 ? List.of() : List.copyOf(chosen);
    }

    /**
     * The codecs to accept from an offered RTP m-section, in the order the answer lists them, keeping
     * the offer's payload type numbers. Empty when nothing fits, which rejects the section.
     */
    public List<NegotiatedCodec> selectCodecs(MediaDescription offered) {
        List<NegotiatedCodec> chosen = new ArrayList<>();
        if (offered.kind() == MediaKind.AUDIO) {
            firstMatching(offered, c -> c.is("opus") && c.clockRate() == 48000 && c.channels() == 2)
                    .ifPresent(c -> chosen.add(negotiate(offered, c, Optional.of(OPUS_FMTP), false)));
        } else if (offered.kind() == MediaKind.VIDEO) {
            firstMatching(offered, c -> c.is("VP8") && c.clockRate() == 90000)
                    .ifPresent(c -> chosen.add(negotiate(offered, c, c.fmtp(), true)));
            firstMatching(offered, RelayCapabilities::isForwardableH264)
                    .ifPresent(c -> chosen.add(negotiate(offered, c, c.fmtp(), true)));
        }
        return List.copyOf(chosen);
    }

    /** The offered header extensions the relay understands, with the offer's ids. */
    public List<HeaderExtension> selectHeaderExtensions(MediaDescription offered) {
        List<String> supported = supportedExtensionUris(offered.kind());
        List<HeaderExtension> chosen = new ArrayList<>();
        Set<String> seenUris = new HashSet<>();
        for (HeaderExtension e : offered.headerExtensions()) {
            if (supported.contains(e.uri()) && seenUris.add(e.uri())) {
                chosen.add(HeaderExtension.of(e.id(), e.uri()));
            }
        }
        return List.copyOf(chosen);
    }

    /** The header extensions, with the relay's own ids, that the relay offers for forwarded media. */
    public List<HeaderExtension> ownHeaderExtensions(MediaKind kind) {
        // what the relay forwards is one stream per track: never rid-tagged, whatever it receives
        return (kind == MediaKind.VIDEO ? VIDEO_EXTENSIONS : STANDARD.supportedExtensionUris(kind)).stream()
                .map(uri -> HeaderExtension.of(OWN_EXTENSION_IDS.get(uri), uri))
                .toList();
    }

    public List<RtcpFeedback> feedback() {
        return FEEDBACK;
    }

    private List<String> supportedExtensionUris(MediaKind kind) {
        return switch (kind) {
            case AUDIO -> AUDIO_EXTENSIONS;
            case VIDEO -> receiveSimulcast ? SIMULCAST_VIDEO_EXTENSIONS : VIDEO_EXTENSIONS;
            default -> List.of();
        };
    }

    /**
     * H.264 constrained baseline (profile_idc 0x42 with constraint_set1, "42e0" or "42c0"...) in
     * non-interleaved mode: what every WebRTC browser can decode, at any level.
     */
    private static boolean isForwardableH264(RtpCodec c) {
        if (!c.is("H264") || c.clockRate() != 90000) {
            return false;
        }
        Map<String, String> p = c.parameters();
        String profileLevelId = p.getOrDefault("profile-level-id", "").toLowerCase(Locale.ROOT);
        if (!"1".equals(p.get("packetization-mode")) || !profileLevelId.matches("[0-9a-f]{6}")) {
            return false;
        }
        int profileIdc = Integer.parseInt(profileLevelId.substring(0, 2), 16);
        int constraints = Integer.parseInt(profileLevelId.substring(2, 4), 16);
        return profileIdc == 0x42 && (constraints & 0x40) != 0;
    }

    private static Optional<RtpCodec> firstMatching(MediaDescription offered,
                                                    Predicate<RtpCodec> test) {
        return offered.codecs().stream().filter(c -> !c.isRtx() && isUsablePayloadType(c.payloadType()))
                .filter(test).findFirst();
    }

    private NegotiatedCodec negotiate(MediaDescription offered, RtpCodec codec, Optional<String> fmtp,
                                      boolean withRtx) {
        List<RtcpFeedback> feedback = codec.feedback().stream().filter(FEEDBACK::contains).distinct().toList();
        OptionalInt rtx = OptionalInt.empty();
        if (withRtx) {
            rtx = offered.codecs().stream()
                    .filter(c -> c.isRtx() && c.clockRate() == codec.clockRate()
                            && isUsablePayloadType(c.payloadType())
                            && c.associatedPayloadType().equals(OptionalInt.of(codec.payloadType())))
                    .mapToInt(RtpCodec::payloadType).findFirst();
        }
        return new NegotiatedCodec(codec.payloadType(), codec.name(), codec.clockRate(), codec.channels(),
                fmtp.filter(f -> !f.isBlank() && f.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7F)),
                feedback, rtx);
    }

    /** Payload types 64-95 clash with RTCP under rtcp-mux (RFC 5761 §4); a peer offering them is ignored. */
    private static boolean isUsablePayloadType(int pt) {
        return pt < 64 || pt > 95;
    }
}
