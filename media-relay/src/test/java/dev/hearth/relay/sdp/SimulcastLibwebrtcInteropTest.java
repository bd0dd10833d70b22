package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCSdpType;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real libwebrtc (webrtc-java) offering rid simulcast and accepting the relay's receive-simulcast answer. */
class SimulcastLibwebrtcInteropTest {

    private final SecureRandom random = new SecureRandom();
    private final RelayTransportParameters relay = new RelayTransportParameters(IceCredentials.random(random),
            Fingerprint.sha256Of(random.generateSeed(32)), "127.0.0.1", 40000);

    /** Adds three send rids to the video section, the way simulcast was enabled by SDP munging. */
    private static String withRidSimulcast(String sdp) {
        int video = sdp.indexOf("m=video");
        int next = sdp.indexOf("\r\nm=", video);
        int end = next < 0 ? sdp.length() : next + 2;
        String section = sdp.substring(video, end).replaceAll("a=ssrc-group:[^\r]*\r\n", "")
                .replaceAll("a=ssrc:[^\r]*\r\n", "");
        if (!section.contains(RelayCapabilities.EXT_RTP_STREAM_ID)) {
            section += "a=extmap:10 " + RelayCapabilities.EXT_RTP_STREAM_ID + "\r\n"
                    + "a=extmap:11 " + RelayCapabilities.EXT_REPAIRED_RTP_STREAM_ID + "\r\n";
        }
        section += "a=rid:q send\r\na=rid:h send\r\na=rid:f send\r\na=simulcast:send q;h;f\r\n";
        return sdp.substring(0, video) + section + sdp.substring(end);
    }

    @Test
    void libwebrtcAcceptsOurReceiveSimulcastAnswer() throws Exception {
        try (LibwebrtcPeer browser = new LibwebrtcPeer().withAudioAndVideoSenders("stream-s")) {
            String offerSdp = browser.createOfferMungeAndSetLocal(SimulcastLibwebrtcInteropTest::withRidSimulcast);
            PublishOffer offer = PublishOffer.parse(offerSdp, RelayCapabilities.standard().withReceiveSimulcast());
            PublishedMedia video = offer.media().get(1);
            assertEquals(List.of("q", "h", "f"),
                    video.simulcastReceive().stream().map(Simulcast.Stream::rid).toList());

            String answer = PublishAnswer.write(offer, relay, SdpOrigin.random(random));
            assertTrue(answer.contains("a=simulcast:recv q;h;f"), answer);
            browser.setRemote(RTCSdpType.ANSWER, answer);

            // libwebrtc now has three encodings on the video sender, one per rid
            assertEquals(3, browser.connection().getTransceivers()[1].getSender().getParameters().encodings.size());
        }
    }

    @Test
    void withTheFlagOffLibwebrtcAcceptsTheSingleLayerAnswerToTheSameOffer() throws Exception {
        try (LibwebrtcPeer browser = new LibwebrtcPeer().withAudioAndVideoSenders("stream-t")) {
            String offerSdp = browser.createOfferMungeAndSetLocal(SimulcastLibwebrtcInteropTest::withRidSimulcast);
            String answer = PublishAnswer.write(PublishOffer.parse(offerSdp, RelayCapabilities.standard()), relay,
                    SdpOrigin.random(random));
            assertTrue(!answer.contains("a=simulcast") && !answer.contains("a=rid"), answer);
            browser.setRemote(RTCSdpType.ANSWER, answer);

            // an answer without simulcast takes libwebrtc back to one encoding: what the forwarder handles today
            assertEquals(1, browser.connection().getTransceivers()[1].getSender().getParameters().encodings.size());
        }
    }
}
