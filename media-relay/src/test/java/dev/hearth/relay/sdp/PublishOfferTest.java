package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PublishOfferTest {

    private static final RelayCapabilities CAPS = RelayCapabilities.standard();

    private static PublishOffer chrome() {
        return PublishOffer.parse(SdpFixtures.CHROME_PUBLISH_OFFER, CAPS);
    }

    @Test
    void extractsTheClientsTransportIdentity() {
        PublishOffer offer = chrome();

        assertEquals(new IceCredentials("ChRm", "abcdefghijklmnopqrstuvwx"), offer.clientIce());
        assertEquals("sha-256 " + SdpFixtures.FINGERPRINT.substring(8), offer.clientFingerprint().attributeValue());
        assertEquals(Setup.ACTPASS, offer.clientSetup());
    }

    @Test
    void audioKeepsOnlyOpusWithTheOffersPayloadTypeAndTheRelaysParameters() {
        PublishedMedia audio = chrome().media("0").orElseThrow();

        assertTrue(audio.accepted());
        assertEquals(Direction.RECVONLY, audio.answerDirection());
        assertEquals(List.of(new NegotiatedCodec(111, "opus", 48000, 2, Optional.of("minptime=10;useinbandfec=1"),
                List.of(RtcpFeedback.TRANSPORT_CC), OptionalInt.empty())), audio.codecs());
        assertEquals(Optional.of(1), audio.headerExtensionId(RelayCapabilities.EXT_AUDIO_LEVEL));
        assertEquals(Optional.of(4), audio.headerExtensionId(RelayCapabilities.EXT_MID));
        assertEquals(List.of(new SenderStream(1001, OptionalLong.empty())), audio.senders());
        assertEquals(Optional.of("chromecname"), audio.cname());
        assertEquals(Optional.of(new Msid("stream-x", Optional.of("mic-1"))), audio.msid());
    }

    @Test
    void videoPrefersVp8ThenConstrainedBaselineH264EachWithRtx() {
        PublishedMedia video = chrome().media("1").orElseThrow();

        assertEquals(List.of("VP8", "H264"), video.codecs().stream().map(NegotiatedCodec::name).toList());
        NegotiatedCodec vp8 = video.codecs().get(0);
        assertEquals(96, vp8.payloadType());
        assertEquals(OptionalInt.of(97), vp8.rtxPayloadType());
        NegotiatedCodec h264 = video.codecs().get(1);
        assertEquals(127, h264.payloadType(), "42001f is plain baseline; the relay takes constrained baseline");
        assertEquals(OptionalInt.of(121), h264.rtxPayloadType());
        assertEquals(List.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI), h264.feedback());
        assertEquals(Optional.empty(), video.headerExtensionId("urn:ietf:params:rtp-hdrext:toffset"));
        assertEquals(Optional.of(3), video.headerExtensionId(RelayCapabilities.EXT_TRANSPORT_CC));
    }

    @Test
    void simulcastSendersFollowTheSimGroupWithTheirRtx() {
        PublishedMedia video = chrome().media("1").orElseThrow();

        assertEquals(List.of(new SenderStream(2005, OptionalLong.of(2006)),
                new SenderStream(2003, OptionalLong.of(2004)),
                new SenderStream(2001, OptionalLong.of(2002))), video.senders());
    }

    @Test
    void dataChannelIsRejected() {
        PublishedMedia app = chrome().media("2").orElseThrow();

        assertFalse(app.accepted());
        assertEquals(MediaKind.APPLICATION, app.kind());
        assertEquals(List.of("0", "1"), chrome().acceptedMedia().stream().map(PublishedMedia::mid).toList());
    }

    @Test
    void ridSimulcastIsReportedWithoutSenderSsrcs() {
        PublishedMedia video = PublishOffer.parse(SdpFixtures.CHROME_RID_SIMULCAST_OFFER, CAPS).media("0")
                .orElseThrow();

        assertTrue(video.accepted());
        assertTrue(video.senders().isEmpty());
        assertEquals(List.of("q", "h", "f"), video.rids().stream().map(Rid::id).toList());
    }

    @Test
    void firefoxStyleOfferUsesSessionFingerprintAndSendrecvBecomesRecvonly() {
        PublishOffer offer = PublishOffer.parse(SdpFixtures.FIREFOX_STYLE_OFFER, CAPS);

        PublishedMedia audio = offer.media("{a1}").orElseThrow();
        PublishedMedia video = offer.media("{v1}").orElseThrow();
        assertEquals(Direction.RECVONLY, audio.answerDirection());
        assertEquals(109, audio.codecs().get(0).payloadType());
        assertEquals(OptionalInt.of(124), video.codecs().get(0).rtxPayloadType());
        assertEquals(Optional.of(7), video.headerExtensionId(RelayCapabilities.EXT_TRANSPORT_CC));
        assertEquals(List.of(new SenderStream(3002, OptionalLong.of(3003))), video.senders());
        assertEquals("f1r3", offer.clientIce().ufrag());
    }

    @Test
    void sectionsWithoutACommonCodecAreRejected() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER
                .replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 speex/48000")
                .replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP9/90000")
                .replace("packetization-mode=1;profile-level-id=42e01f",
                        "packetization-mode=0;profile-level-id=42e01f");

        SdpException e = assertThrows(SdpException.class, () -> PublishOffer.parse(offer, CAPS));
        assertTrue(e.getMessage().contains("no audio or video"));
    }

    @Test
    void h264IsNotChosenWithoutPacketizationModeOne() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER
                .replace("packetization-mode=1;profile-level-id=42e01f", "profile-level-id=42e01f");

        PublishedMedia video = PublishOffer.parse(offer, CAPS).media("1").orElseThrow();

        assertEquals(List.of("VP8"), video.codecs().stream().map(NegotiatedCodec::name).toList());
    }

    @Test
    void passiveOfferIsRefusedBecauseTheRelayIsAlwaysTheDtlsServer() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER.replace("a=setup:actpass", "a=setup:passive");

        assertThrows(SdpException.class, () -> PublishOffer.parse(offer, CAPS));
    }

    @Test
    void offerWithoutFingerprintIsRefused() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER.replaceAll("a=fingerprint:[^\\n]*\\n", "");

        SdpException e = assertThrows(SdpException.class, () -> PublishOffer.parse(offer, CAPS));
        assertTrue(e.getMessage().contains("fingerprint"));
    }

    @Test
    void offerWithoutIceCredentialsIsRefused() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER.replaceAll("a=ice-pwd:[^\\n]*\\n", "");

        assertThrows(SdpException.class, () -> PublishOffer.parse(offer, CAPS));
    }

    @Test
    void everySectionNeedsAUniqueMid() {
        String missing = SdpFixtures.CHROME_PUBLISH_OFFER.replace("a=mid:2\n", "");
        String repeated = SdpFixtures.CHROME_PUBLISH_OFFER.replace("a=mid:2\n", "a=mid:1\n");

        assertThrows(SdpException.class, () -> PublishOffer.parse(missing, CAPS));
        assertThrows(SdpException.class, () -> PublishOffer.parse(repeated, CAPS));
    }

    @Test
    void sectionOutsideTheBundleGroupIsRejected() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER.replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 2");

        PublishOffer parsed = PublishOffer.parse(offer, CAPS);

        assertTrue(parsed.media("0").orElseThrow().accepted());
        assertFalse(parsed.media("1").orElseThrow().accepted());
    }

    @Test
    void withoutBundleOnlyTheFirstUsableSectionIsAccepted() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER.replace("a=group:BUNDLE 0 1 2\n", "");

        PublishOffer parsed = PublishOffer.parse(offer, CAPS);

        assertEquals(List.of("0"), parsed.acceptedMedia().stream().map(PublishedMedia::mid).toList());
    }

    @Test
    void sectionWithoutRtcpMuxIsRejected() {
        String offer = SdpFixtures.FIREFOX_STYLE_OFFER.replaceFirst("a=rtcp-mux\n", "");

        PublishOffer parsed = PublishOffer.parse(offer, CAPS);

        assertFalse(parsed.media("{a1}").orElseThrow().accepted());
        assertTrue(parsed.media("{v1}").orElseThrow().accepted());
    }

    @Test
    void recvonlyOfferIsAnsweredInactive() {
        String offer = SdpFixtures.FIREFOX_STYLE_OFFER.replaceFirst("a=sendrecv", "a=recvonly");

        assertEquals(Direction.INACTIVE,
                PublishOffer.parse(offer, CAPS).media("{a1}").orElseThrow().answerDirection());
    }

    @Test
    void rtxForAnUnchosenCodecIsNotPaired() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER.replace("a=fmtp:97 apt=96", "a=fmtp:97 apt=102");

        NegotiatedCodec vp8 = PublishOffer.parse(offer, CAPS).media("1").orElseThrow().codecs().get(0);

        assertEquals(OptionalInt.empty(), vp8.rtxPayloadType());
    }

    @Test
    void bundleOnlySectionWithPortZeroIsAccepted() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER
                .replace("m=video 9 UDP/TLS/RTP/SAVPF", "m=video 0 UDP/TLS/RTP/SAVPF")
                .replace("a=msid:stream-x cam-1\n", "a=msid:stream-x cam-1\na=bundle-only\n");

        assertTrue(PublishOffer.parse(offer, CAPS).media("1").orElseThrow().accepted());
    }

    @Test
    void portZeroWithoutBundleOnlyIsRejected() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER
                .replace("m=video 9 UDP/TLS/RTP/SAVPF", "m=video 0 UDP/TLS/RTP/SAVPF");

        assertFalse(PublishOffer.parse(offer, CAPS).media("1").orElseThrow().accepted());
    }
}
