package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCSdpType;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real libwebrtc (webrtc-java) on the other side of every description the relay writes. */
class SdpLibwebrtcInteropTest {

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
        }
    }
}
