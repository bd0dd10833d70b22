package dev.hearth.relay.sfu;

import dev.hearth.relay.sdp.MediaDescription;
import dev.hearth.relay.sdp.RtpCodec;
import dev.hearth.relay.sdp.SdpParser;
import dev.hearth.relay.sdp.SessionDescription;

import java.util.ArrayList;
import java.util.List;

/** What a browser would write: a publish offer (Opus + VP8 with RTX) and answers to the relay's subscribe offers. */
final class ClientSdp {
    static final String FINGERPRINT = "sha-256 " + "12:".repeat(31) + "12";
    static final int AUDIO_LEVEL_ID = 1;
    static final int TRANSPORT_CC_ID = 3;
    static final int MID_ID = 4;
    static final int OPUS_PT = 109;
    static final int VP8_PT = 120;
    static final int VP8_RTX_PT = 124;

    private ClientSdp() {
    }

    /**
     * Audio on mid "a", video on mid "v" (payload types deliberately not the relay's downstream ones). An SSRC of 0
     * leaves that section out.
     */
    static String publishOffer(String ufrag, long audioSsrc, long videoSsrc, long rtxSsrc) {
        List<String> mids = new ArrayList<>();
        StringBuilder media = new StringBuilder();
        if (audioSsrc != 0) {
            mids.add("a");
            media.append("m=audio 9 UDP/TLS/RTP/SAVPF " + OPUS_PT + "\r\n")
                    .append(transport(ufrag, "actpass"))
                    .append("a=mid:a\r\n")
                    .append("a=extmap:" + AUDIO_LEVEL_ID + " urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n")
                    .append("a=extmap:" + TRANSPORT_CC_ID
                            + " http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n")
                    .append("a=extmap:" + MID_ID + " urn:ietf:params:rtp-hdrext:sdes:mid\r\n")
                    .append("a=sendonly\r\na=msid:s t-a\r\na=rtcp-mux\r\na=rtcp-rsize\r\n")
                    .append("a=rtpmap:" + OPUS_PT + " opus/48000/2\r\n")
                    .append("a=rtcp-fb:" + OPUS_PT + " transport-cc\r\n")
                    .append("a=fmtp:" + OPUS_PT + " minptime=10;useinbandfec=1\r\n")
                    .append("a=ssrc:" + audioSsrc + " cname:c\r\n");
        }
        if (videoSsrc != 0) {
            mids.add("v");
            media.append("m=video 9 UDP/TLS/RTP/SAVPF " + VP8_PT + " " + VP8_RTX_PT + "\r\n")
                    .append(transport(ufrag, "actpass"))
                    .append("a=mid:v\r\n")
                    .append("a=extmap:" + TRANSPORT_CC_ID
                            + " http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n")
                    .append("a=extmap:" + MID_ID + " urn:ietf:params:rtp-hdrext:sdes:mid\r\n")
                    .append("a=sendonly\r\na=msid:s t-v\r\na=rtcp-mux\r\na=rtcp-rsize\r\n")
                    .append("a=rtpmap:" + VP8_PT + " VP8/90000\r\n")
                    .append("a=rtcp-fb:" + VP8_PT + " transport-cc\r\n")
                    .append("a=rtcp-fb:" + VP8_PT + " nack\r\n")
                    .append("a=rtcp-fb:" + VP8_PT + " nack pli\r\n")
                    .append("a=rtpmap:" + VP8_RTX_PT + " rtx/90000\r\n")
                    .append("a=fmtp:" + VP8_RTX_PT + " apt=" + VP8_PT + "\r\n");
            if (rtxSsrc != 0) {
                media.append("a=ssrc-group:FID " + videoSsrc + " " + rtxSsrc + "\r\n")
                        .append("a=ssrc:" + rtxSsrc + " cname:c\r\n");
            }
            media.append("a=ssrc:" + videoSsrc + " cname:c\r\n");
        }
        return header(mids) + media;
    }

    /** Accepts every open section of the relay's offer, keeping RTX unless told not to. */
    static String answer(String relayOffer, String ufrag, boolean keepRtx) {
        SessionDescription offer = SdpParser.parse(relayOffer);
        List<String> active = new ArrayList<>();
        StringBuilder media = new StringBuilder();
        for (MediaDescription m : offer.media()) {
            String mid = m.mid().orElseThrow();
            if (m.port() == 0) {
                media.append("m=" + m.media() + " 0 UDP/TLS/RTP/SAVPF " + m.formats().get(0) + "\r\n")
                        .append("c=IN IP4 0.0.0.0\r\na=mid:" + mid + "\r\na=inactive\r\n");
                continue;
            }
            active.add(mid);
            List<RtpCodec> codecs = m.codecs().stream().filter(c -> keepRtx || !c.isRtx()).toList();
            media.append("m=" + m.media() + " 9 UDP/TLS/RTP/SAVPF "
                            + String.join(" ", codecs.stream().map(c -> Integer.toString(c.payloadType())).toList())
                            + "\r\n")
                    .append(transport(ufrag, "active"))
                    .append("a=mid:" + mid + "\r\na=recvonly\r\na=rtcp-mux\r\na=rtcp-rsize\r\n");
            for (RtpCodec c : codecs) {
                media.append("a=rtpmap:" + c.payloadType() + " " + c.name() + "/" + c.clockRate()
                        + (c.channels() > 1 ? "/" + c.channels() : "") + "\r\n");
                c.fmtp().ifPresent(f -> media.append("a=fmtp:" + c.payloadType() + " " + f + "\r\n"));
            }
        }
        return header(active) + media;
    }

    private static String header(List<String> bundle) {
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + (bundle.isEmpty() ? "" : "a=group:BUNDLE " + String.join(" ", bundle) + "\r\n");
    }

    private static String transport(String ufrag, String setup) {
        return "c=IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:" + ufrag + "\r\n"
                + "a=ice-pwd:clientpassword0123456789\r\n"
                + "a=fingerprint:" + FINGERPRINT + "\r\n"
                + "a=setup:" + setup + "\r\n";
    }
}
