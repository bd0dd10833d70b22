package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Real libwebrtc (webrtc-java) on the other side of every description the relay writes. */
class SdpLibwebrtcInteropTest {

    private static final NegotiatedCodec OPUS = new NegotiatedCodec(111, "opus", 48000, 2,
            Optional.of(RelayCapabilities.OPUS_FMTP), List.of(RtcpFeedback.TRANSPORT_CC), OptionalInt.empty());
    private static final NegotiatedCodec VP8 = new NegotiatedCodec(96, "VP8", 90000, 1, Optional.empty(),
            List.of(RtcpFeedback.TRANSPORT_CC, RtcpFeedback.NACK, RtcpFeedback.NACK_PLI, RtcpFeedback.CCM_FIR,
                    RtcpFeedback.GOOG_REMB), OptionalInt.of(97));
    private static final ConsumerDescription AUDIO_OF_ALICE = new ConsumerDescription("a0", MediaKind.AUDIO, OPUS,
            1111, OptionalLong.empty(), "relay-cname", "alice-7f3a", "alice-mic");
    private static final ConsumerDescription VIDEO_OF_ALICE = new ConsumerDescription("v0", MediaKind.VIDEO, VP8,
            2222, OptionalLong.of(2223), "relay-cname", "alice-7f3a", "alice-cam");
    private static final ConsumerDescription VIDEO_OF_BOB = new ConsumerDescription("v1", MediaKind.VIDEO, VP8,
            4444, OptionalLong.of(4445), "relay-cname", "bob-91cc", "bob-cam");
    private static final ConsumerDescription AUDIO_OF_BOB = new ConsumerDescription("a1", MediaKind.AUDIO, OPUS,
            3333, OptionalLong.empty(), "relay-cname", "bob-91cc", "bob-mic");

    private final SecureRandom random = new SecureRandom();
    private final RelayTransportParameters relay = new RelayTransportParameters(IceCredentials.random(random),
            Fingerprint.sha256Of(random.generateSeed(32)), "127.0.0.1", 40000);

    @Test
    void libwebrtcAcceptsOurAnswerToItsPublishOffer() throws Exception {
        try (LibwebrtcPeer browser = new LibwebrtcPeer().withAudioAndVideoSenders("stream-a").withDataChannel()) {
            String offerSdp = browser.createOfferAndSetLocal();
            PublishOffer offer = PublishOffer.parse(offerSdp, RelayCapabilities.standard());

            assertEquals(List.of(MediaKind.AUDIO, MediaKind.VIDEO, MediaKind.APPLICATION),
                    offer.media().stream().map(PublishedMedia::kind).toList());
            PublishedMedia audio = offer.media().get(0);
            PublishedMedia video = offer.media().get(1);
            assertTrue(audio.accepted());
            assertEquals("opus", audio.codecs().get(0).name());
            assertEquals(1, audio.senders().size());
            assertTrue(video.accepted());
            assertEquals("VP8", video.codecs().get(0).name());
            assertTrue(video.codecs().get(0).rtxPayloadType().isPresent());
            assertTrue(video.senders().get(0).rtxSsrc().isPresent(), "FID pairs the video SSRC with its RTX");
            assertTrue(video.codecs().stream().anyMatch(c -> c.is("H264")), "libwebrtc offers H264 42e01f");
            assertFalse(offer.media().get(2).accepted(), "data channels are rejected");

            String answer = PublishAnswer.write(offer, relay, SdpOrigin.random(random));
            browser.setRemote(RTCSdpType.ANSWER, answer);

            assertEquals(List.of(RTCRtpTransceiverDirection.SEND_ONLY, RTCRtpTransceiverDirection.SEND_ONLY),
                    currentDirections(browser), "libwebrtc now sends audio and video to the relay");
        }
    }

    @Test
    void libwebrtcAcceptsOurAnswerWhenItRenegotiatesToAddScreenShare() throws Exception {
        SdpOrigin origin = SdpOrigin.random(random);
        try (LibwebrtcPeer browser = new LibwebrtcPeer().withAudioAndVideoSenders("stream-b")) {
            PublishOffer first = PublishOffer.parse(browser.createOfferAndSetLocal(), RelayCapabilities.standard());
            browser.setRemote(RTCSdpType.ANSWER, PublishAnswer.write(first, relay, origin));

            browser.withExtraVideoSender("stream-b", "screen-b");
            PublishOffer second = PublishOffer.parse(browser.createOfferAndSetLocal(), RelayCapabilities.standard());
            browser.setRemote(RTCSdpType.ANSWER, PublishAnswer.write(second, relay, origin.next()));

            assertEquals(3, second.acceptedMedia().size());
            PublishedMedia screen = second.media().get(2);
            assertEquals(MediaKind.VIDEO, screen.kind());
            assertEquals(Optional.of(new Msid("stream-b", Optional.of("screen-b"))), screen.msid());
            assertEquals(1, screen.senders().size());
            assertEquals(List.of(RTCRtpTransceiverDirection.SEND_ONLY, RTCRtpTransceiverDirection.SEND_ONLY,
                    RTCRtpTransceiverDirection.SEND_ONLY), currentDirections(browser));
        }
    }

    @Test
    void libwebrtcAnswersOurSubscribeOfferForTwoConsumers() throws Exception {
        SubscribeOfferer offerer = newOfferer();
        try (LibwebrtcPeer browser = new LibwebrtcPeer()) {
            SubscribeOffer offer = offerer.createOffer(List.of(AUDIO_OF_ALICE, VIDEO_OF_ALICE), false);
            browser.setRemote(RTCSdpType.OFFER, offer.sdp());
            SubscribeAnswer answer = offerer.acceptAnswer(browser.createAnswerAndSetLocal());

            assertEquals(List.of("a0", "v0"), answer.acceptedMids());
            assertEquals(Setup.ACTIVE, answer.clientSetup());
            assertTrue(answer.clientIce().isPresent());
            assertTrue(answer.clientFingerprint().isPresent());
            assertEquals(Set.of("alice-mic", "alice-cam"), receivedTrackIds(browser));
        }
    }

    @Test
    void libwebrtcAcceptsRenegotiationThatAddsOneConsumerAndClosesAnother() throws Exception {
        SubscribeOfferer offerer = newOfferer();
        try (LibwebrtcPeer browser = new LibwebrtcPeer()) {
            SubscribeOffer first = offerer.createOffer(List.of(AUDIO_OF_ALICE, VIDEO_OF_ALICE), false);
            browser.setRemote(RTCSdpType.OFFER, first.sdp());
            offerer.acceptAnswer(browser.createAnswerAndSetLocal());

            SubscribeOffer second = offerer.createOffer(List.of(VIDEO_OF_ALICE, AUDIO_OF_BOB), false);
            assertEquals(first.origin().version() + 1, second.origin().version());
            assertEquals(List.of("a0", "v0", "a1"), second.mids());
            browser.setRemote(RTCSdpType.OFFER, second.sdp());
            SubscribeAnswer answer = offerer.acceptAnswer(browser.createAnswerAndSetLocal());

            assertEquals(List.of("v0", "a1"), answer.acceptedMids());
            assertFalse(answer.isAccepted("a0"));
            assertTrue(receivedTrackIds(browser).contains("bob-mic"));

            // A third round keeps the closed line and adds another: mids stay where they were.
            SubscribeOffer third = offerer.createOffer(List.of(VIDEO_OF_ALICE, AUDIO_OF_BOB, VIDEO_OF_BOB), false);
            assertEquals(List.of("a0", "v0", "a1", "v1"), third.mids());
            browser.setRemote(RTCSdpType.OFFER, third.sdp());
            SubscribeAnswer thirdAnswer = offerer.acceptAnswer(browser.createAnswerAndSetLocal());
            assertEquals(List.of("v0", "a1", "v1"), thirdAnswer.acceptedMids());
            assertEquals(Set.of("alice-cam", "bob-mic", "bob-cam"), receivedTrackIds(browser));
        }
    }

    @Test
    void libwebrtcAcceptsAnIceRestartWithNewCredentials() throws Exception {
        SubscribeOfferer offerer = newOfferer();
        try (LibwebrtcPeer browser = new LibwebrtcPeer()) {
            SubscribeOffer first = offerer.createOffer(List.of(AUDIO_OF_ALICE), false);
            browser.setRemote(RTCSdpType.OFFER, first.sdp());
            SubscribeAnswer firstAnswer = offerer.acceptAnswer(browser.createAnswerAndSetLocal());

            SubscribeOffer restart = offerer.createOffer(List.of(AUDIO_OF_ALICE, VIDEO_OF_ALICE), true);
            assertNotEquals(first.relayIce(), restart.relayIce());
            browser.setRemote(RTCSdpType.OFFER, restart.sdp());
            SubscribeAnswer answer = offerer.acceptAnswer(browser.createAnswerAndSetLocal());

            assertEquals(List.of("a0", "v0"), answer.acceptedMids());
            assertNotEquals(firstAnswer.clientIce(), answer.clientIce(), "the browser restarts its side too");
        }
    }

    @Test
    void libwebrtcAcceptsARecycledSectionWithANewMidAndKind() throws Exception {
        SubscribeOfferer offerer = new SubscribeOfferer(relay, RelayCapabilities.standard(),
                () -> IceCredentials.random(random), SdpOrigin.random(random), 2);
        try (LibwebrtcPeer browser = new LibwebrtcPeer()) {
            // The first section tags the bundle and is never recycled; the second one is.
            for (List<ConsumerDescription> round : List.of(List.of(VIDEO_OF_ALICE, AUDIO_OF_ALICE),
                    List.of(VIDEO_OF_ALICE), List.of(VIDEO_OF_ALICE, VIDEO_OF_BOB))) {
                SubscribeOffer offer = offerer.createOffer(round, false);
                browser.setRemote(RTCSdpType.OFFER, offer.sdp());
                offerer.acceptAnswer(browser.createAnswerAndSetLocal());
            }

            assertEquals(List.of("v0", "v1"), offerer.lastOffer().mids());
            assertEquals(Set.of("alice-cam", "bob-cam"), receivedTrackIds(browser));
        }
    }

    private SubscribeOfferer newOfferer() {
        return new SubscribeOfferer(relay, RelayCapabilities.standard(), () -> IceCredentials.random(random),
                SdpOrigin.random(random));
    }

    private static List<RTCRtpTransceiverDirection> currentDirections(LibwebrtcPeer browser) {
        List<RTCRtpTransceiverDirection> directions = new ArrayList<>();
        for (RTCRtpTransceiver t : browser.connection().getTransceivers()) {
            directions.add(t.getCurrentDirection());
        }
        return directions;
    }

    private static Set<String> receivedTrackIds(LibwebrtcPeer browser) {
        Set<String> ids = new HashSet<>();
        for (RTCRtpTransceiver t : browser.connection().getTransceivers()) {
            if (t.getCurrentDirection() == RTCRtpTransceiverDirection.RECV_ONLY) {
                ids.add(t.getReceiver().getTrack().getId());
            }
        }
        return ids;
    }
}
