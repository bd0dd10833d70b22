package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    private static final String MINIMAL = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    @Test
    void readsChromeSessionLevel() {
        SessionDescription sdp = SdpParser.parse(SdpFixtures.CHROME_PUBLISH_OFFER);

        assertEquals(new Origin("-", "4611731400430051336", 2, "IN", "IP4", "127.0.0.1"), sdp.origin());
        assertEquals(List.of("0", "1", "2"), sdp.bundleGroup().orElseThrow().mids());
        assertEquals(Optional.of(new MsidSemantic("WMS", List.of("stream-x"))), sdp.msidSemantic());
        assertFalse(sdp.iceLite());
        assertTrue(sdp.otherAttributes().contains(new Attribute("extmap-allow-mixed", Optional.empty())));
        assertEquals(3, sdp.media().size());
    }

    @Test
    void readsChromeAudioSection() {
        MediaDescription audio = SdpParser.parse(SdpFixtures.CHROME_PUBLISH_OFFER).media().get(0);

        assertEquals(MediaKind.AUDIO, audio.kind());
        assertEquals(9, audio.port());
        assertEquals("UDP/TLS/RTP/SAVPF", audio.proto());
        assertEquals(List.of("111", "63", "9", "0", "8", "13", "110", "126"), audio.formats());
        assertEquals(Optional.of("0"), audio.mid());
        assertEquals(Optional.of(Direction.SENDONLY), audio.direction());
        assertEquals(Optional.of("ChRm"), audio.iceUfrag());
        assertEquals(List.of("trickle"), audio.iceOptions());
        assertEquals("sha-256", audio.fingerprints().get(0).algorithm());
        assertEquals(Optional.of(Setup.ACTPASS), audio.setup());
        assertTrue(audio.rtcpMux());
        assertTrue(audio.rtcpRsize());
        assertEquals(List.of(111, 63, 9, 0, 8, 13, 110, 126),
                audio.codecs().stream().map(RtpCodec::payloadType).toList());
        RtpCodec opus = audio.codec(111).orElseThrow();
        assertEquals(2, opus.channels());
        assertEquals(Map.of("minptime", "10", "useinbandfec", "1"), opus.parameters());
        assertEquals(List.of(RtcpFeedback.TRANSPORT_CC), opus.feedback());
        assertEquals(HeaderExtension.of(4, RelayCapabilities.EXT_MID), audio.headerExtensions().get(3));
        SsrcDescription ssrc = audio.ssrcs().get(0);
        assertEquals(1001, ssrc.ssrc());
        assertEquals(Optional.of("chromecname"), ssrc.cname());
        assertEquals(Optional.of(new Msid("stream-x", Optional.of("mic-1"))), ssrc.msid());
        assertEquals(List.of(new Msid("stream-x", Optional.of("mic-1"))), audio.msids());
    }

    @Test
    void readsCandidatesForInformation() {
        Candidate c = SdpParser.parse(SdpFixtures.CHROME_PUBLISH_OFFER).media().get(0).candidates().get(0);

        assertEquals("842163049", c.foundation());
        assertEquals(1, c.component());
        assertEquals("udp", c.transport());
        assertEquals(1677729535L, c.priority());
        assertEquals("203.0.113.7", c.address());
        assertEquals(61764, c.port());
        assertEquals("srflx", c.type());
        assertEquals("0.0.0.0", c.extensions().get("raddr"));
        assertEquals("999", c.extensions().get("network-cost"));
    }

    @Test
    void readsVideoRtxAndSsrcGroups() {
        MediaDescription video = SdpParser.parse(SdpFixtures.CHROME_PUBLISH_OFFER).media().get(1);

        RtpCodec rtx = video.codec(97).orElseThrow();
        assertTrue(rtx.isRtx());
        assertEquals(96, rtx.associatedPayloadType().orElseThrow());
        assertEquals(List.of(RtcpFeedback.GOOG_REMB, RtcpFeedback.TRANSPORT_CC, RtcpFeedback.CCM_FIR,
                RtcpFeedback.NACK, RtcpFeedback.NACK_PLI), video.codec(96).orElseThrow().feedback());
        assertEquals(List.of(2005L, 2003L, 2001L), video.ssrcGroup(SsrcGroup.SIM, 2005));
        assertEquals(List.of(2001L, 2002L), video.ssrcGroup(SsrcGroup.FID, 2001));
        assertEquals(6, video.ssrcs().size());
    }

    @Test
    void keepsUnknownAttributesOfDataChannelSection() {
        MediaDescription app = SdpParser.parse(SdpFixtures.CHROME_PUBLISH_OFFER).media().get(2);

        assertEquals(MediaKind.APPLICATION, app.kind());
        assertEquals(List.of("webrtc-datachannel"), app.formats());
        assertTrue(app.codecs().isEmpty());
        assertTrue(app.otherAttributes().contains(new Attribute("sctp-port", Optional.of("5000"))));
    }

    @Test
    void readsRidsAndSimulcastIncludingPausedLayers() {
        MediaDescription video = SdpParser.parse(SdpFixtures.CHROME_RID_SIMULCAST_OFFER).media().get(0);

        assertEquals(List.of("q", "h", "f"), video.rids().stream().map(Rid::id).toList());
        assertEquals(Optional.of("max-width=640;max-height=360"), video.rids().get(1).restrictions());
        Simulcast simulcast = video.simulcast().orElseThrow();
        assertEquals(List.of(new Simulcast.Stream("q", false), new Simulcast.Stream("h", false),
                new Simulcast.Stream("f", true)), simulcast.send());
        assertTrue(simulcast.receive().isEmpty());
    }

    @Test
    void wildcardFeedbackAppliesToEveryCodec() {
        MediaDescription video = SdpParser.parse(SdpFixtures.CHROME_RID_SIMULCAST_OFFER).media().get(0);

        assertEquals(List.of(RtcpFeedback.NACK_PLI, RtcpFeedback.NACK), video.codec(96).orElseThrow().feedback());
        assertEquals(List.of(RtcpFeedback.NACK), video.codec(97).orElseThrow().feedback());
    }

    @Test
    void sessionLevelFingerprintAndCredentialsApplyToSections() {
        SessionDescription sdp = SdpParser.parse(SdpFixtures.FIREFOX_STYLE_OFFER);
        MediaDescription audio = sdp.media().get(0);

        assertTrue(audio.fingerprints().isEmpty());
        assertEquals(1, sdp.effectiveFingerprints(audio).size());
        assertEquals("f1r3", sdp.iceCredentials(audio).orElseThrow().ufrag());
        assertEquals(Optional.of("{a1}"), audio.mid());
        assertEquals(List.of("{a1}", "{v1}"), sdp.bundleGroup().orElseThrow().mids());
    }

    @Test
    void fingerprintIsNormalisedToUpperCaseHex() {
        String sdp = MINIMAL + "a=fingerprint:SHA-256 " + SdpFixtures.FINGERPRINT.substring(8).toLowerCase()
                + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

        Fingerprint f = SdpParser.parse(sdp).fingerprints().get(0);

        assertEquals(new Fingerprint("sha-256", SdpFixtures.FINGERPRINT.substring(8)), f);
    }

    @Test
    void acceptsLfCrlfAndLoneCrLineEndings() {
        String lf = "v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nm=audio 9 RTP/SAVPF 0\na=mid:x\n";
        String cr = lf.replace('\n', '\r');
        String crlf = lf.replace("\n", "\r\n");

        for (String sdp : List.of(lf, cr, crlf)) {
            assertEquals(Optional.of("x"), SdpParser.parse(sdp).media().get(0).mid());
        }
    }

    @Test
    void ignoresUnknownLinesAndKeepsUnknownAttributes() {
        String sdp = MINIMAL + "x=whatever\r\nnot a line\r\nb=AS:30\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
                + "a=weird:thing here\r\na=flag\r\nz=\r\n";

        MediaDescription video = SdpParser.parse(sdp).media().get(0);

        assertEquals(List.of(new Attribute("weird", Optional.of("thing here")),
                new Attribute("flag", Optional.empty())), video.otherAttributes());
    }

    @Test
    void codecsFollowMlineOrderAndSkipFormatsWithoutRtpmap() {
        String sdp = MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF 0 111 8\r\n"
                + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:99 stray/90000\r\n";

        List<RtpCodec> codecs = SdpParser.parse(sdp).media().get(0).codecs();

        assertEquals(List.of(111, 8), codecs.stream().map(RtpCodec::payloadType).toList());
    }

    @Test
    void directionDefaultsToSendrecvAndLastDirectionWins() {
        String sdp = MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n"
                + "a=sendonly\r\na=inactive\r\n";

        List<MediaDescription> media = SdpParser.parse(sdp).media();

        assertEquals(Direction.SENDRECV, media.get(0).effectiveDirection());
        assertEquals(Direction.INACTIVE, media.get(1).effectiveDirection());
    }

    @Test
    void portWithCountAndRejectedPortAreRead() {
        String sdp = MINIMAL + "m=video 5004/2 RTP/AVP 96\r\nm=audio 0 UDP/TLS/RTP/SAVPF 0\r\n";

        List<MediaDescription> media = SdpParser.parse(sdp).media();

        assertEquals(5004, media.get(0).port());
        assertTrue(media.get(1).isRejected());
    }

    @Test
    void unknownSetupValueIsIgnored() {
        String sdp = MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=setup:sideways\r\n";

        assertEquals(Optional.empty(), SdpParser.parse(sdp).media().get(0).setup());
    }
}
