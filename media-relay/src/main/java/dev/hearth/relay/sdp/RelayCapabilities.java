package dev.hearth.relay.sdp;

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
 */
public final class RelayCapabilities {

    public static final String EXT_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String EXT_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String EXT_TRANSPORT_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String EXT_ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

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

    private static final RelayCapabilities STANDARD = new RelayCapabilities();

    private RelayCapabilities() {
    }

    public static RelayCapabilities standard() {
        return STANDARD;
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
        return supportedExtensionUris(kind).stream()
                .map(uri -> HeaderExtension.of(OWN_EXTENSION_IDS.get(uri), uri))
                .toList();
    }

    public List<RtcpFeedback> feedback() {
        return FEEDBACK;
    }

    private static List<String> supportedExtensionUris(MediaKind kind) {
        return switch (kind) {
            case AUDIO -> AUDIO_EXTENSIONS;
            case VIDEO -> VIDEO_EXTENSIONS;
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
