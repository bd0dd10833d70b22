package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Receive simulcast in the publish answer (RFC 8853, RFC 8851, RFC 8852), negotiated only when the relay's
 * capabilities say the forwarding path can select layers.
 */
class PublishSimulcastAnswerTest {

    private static final RelayTransportParameters RELAY = new RelayTransportParameters(
            new IceCredentials("relayUfr", "relayPasswordRelayPassw"), Fingerprint.sha256Of(new byte[] {1, 2, 3}),
            "192.0.2.10", 40000);
    private static final SdpOrigin ORIGIN = new SdpOrigin(777, 3);
    private static final RelayCapabilities SIMULCAST = RelayCapabilities.standard().withReceiveSimulcast();

    private static String answer(String offer, RelayCapabilities capabilities) {
        return PublishAnswer.write(PublishOffer.parse(offer, capabilities), RELAY, ORIGIN);
    }

    private static MediaDescription video(String answer) {
        return SdpParser.parse(answer).media().stream().filter(m -> m.kind() == MediaKind.VIDEO).findFirst()
                .orElseThrow();
    }

    @Test
    void chromiumsThreeRidsAreAnsweredRecvInTheSameOrderWithBothRidExtensions() {
        String answer = answer(SdpFixtures.CHROMIUM_SIMULCAST_OFFER, SIMULCAST);
        MediaDescription video = video(answer);

        assertEquals(List.of(new Rid("q", "recv", Optional.empty()), new Rid("h", "recv", Optional.empty()),
                new Rid("f", "recv", Optional.empty())), video.rids());
        Simulcast simulcast = video.simulcast().orElseThrow();
        assertEquals(List.of(), simulcast.send());
        assertEquals(List.of(new Simulcast.Stream("q", false), new Simulcast.Stream("h", false),
                new Simulcast.Stream("f", false)), simulcast.receive());
        assertTrue(answer.contains("\r\na=simulcast:recv q;h;f\r\n"), answer);
        assertEquals(List.of(HeaderExtension.of(4, RelayCapabilities.EXT_MID),
                        HeaderExtension.of(3, RelayCapabilities.EXT_TRANSPORT_CC),
                        HeaderExtension.of(2, RelayCapabilities.EXT_ABS_SEND_TIME),
                        HeaderExtension.of(10, RelayCapabilities.EXT_RTP_STREAM_ID),
                        HeaderExtension.of(11, RelayCapabilities.EXT_REPAIRED_RTP_STREAM_ID)).stream()
                        .sorted(java.util.Comparator.comparingInt(HeaderExtension::id)).toList(),
                video.headerExtensions().stream().sorted(java.util.Comparator.comparingInt(HeaderExtension::id))
                        .toList());
        assertEquals(Optional.of(Direction.RECVONLY), video.direction());
        assertTrue(SdpParser.parse(answer).media().get(0).rids().isEmpty(), "audio is never simulcast");
    }

    @Test
    void firefoxsRidsKeepTheirOrderAndLoseTheirRestrictionsInTheAnswer() {
        String answer = answer(SdpFixtures.FIREFOX_SIMULCAST_OFFER, SIMULCAST);
        MediaDescription video = video(answer);

        assertEquals(List.of("h", "m", "l"), video.rids().stream().map(Rid::id).toList());
        assertTrue(video.rids().stream().allMatch(r -> r.direction().equals("recv") && r.restrictions().isEmpty()));
        assertEquals(List.of("h", "m", "l"),
                video.simulcast().orElseThrow().receive().stream().map(Simulcast.Stream::rid).toList());
        assertTrue(video.headerExtensions().contains(HeaderExtension.of(8, RelayCapabilities.EXT_RTP_STREAM_ID)));
        assertTrue(video.headerExtensions()
                .contains(HeaderExtension.of(9, RelayCapabilities.EXT_REPAIRED_RTP_STREAM_ID)));
        assertEquals(List.of("h", "m", "l"), PublishOffer.parse(SdpFixtures.FIREFOX_SIMULCAST_OFFER, SIMULCAST)
                .media("{v2}").orElseThrow().simulcastReceive().stream().map(Simulcast.Stream::rid).toList());
    }

    @Test
    void aPausedLayerStaysPausedInTheAnswer() {
        String answer = answer(SdpFixtures.CHROME_RID_SIMULCAST_OFFER, SIMULCAST);
        assertTrue(answer.contains("\r\na=simulcast:recv q;h;~f\r\n"), answer);
        assertEquals(List.of("q", "h", "f"), video(answer).rids().stream().map(Rid::id).toList());
    }

    /** With the flag off (the default) a simulcast offer is answered exactly as before: one layer, no rids. */
    @ParameterizedTest
    @ValueSource(strings = {"chromium", "firefox", "rid"})
    void withTheCapabilityOffNothingChanges(String which) {
        String offer = switch (which) {
            case "chromium" -> SdpFixtures.CHROMIUM_SIMULCAST_OFFER;
            case "firefox" -> SdpFixtures.FIREFOX_SIMULCAST_OFFER;
            default -> SdpFixtures.CHROME_RID_SIMULCAST_OFFER;
        };
        assertFalse(RelayCapabilities.standard().receivesSimulcast());
        String answer = answer(offer, RelayCapabilities.standard());
        assertFalse(answer.contains("a=rid"), answer);
        assertFalse(answer.contains("a=simulcast"), answer);
        assertFalse(answer.contains("rtp-stream-id"), answer);
        MediaDescription video = video(answer);
        assertTrue(video.rids().isEmpty() && video.simulcast().isEmpty());
    }

    @Test
    void theSameAnswerAsBeforeForOffersWithoutSimulcast() {
        for (String offer : List.of(SdpFixtures.CHROME_PUBLISH_OFFER, SdpFixtures.FIREFOX_STYLE_OFFER)) {
            assertEquals(answer(offer, RelayCapabilities.standard()), answer(offer, SIMULCAST));
        }
    }

    @Test
    void noSimulcastWithoutTheRidExtensionOrWithFewerThanTwoUsableRids() {
        String withoutRidExtension = SdpFixtures.CHROMIUM_SIMULCAST_OFFER
                .replace("a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\n", "");
        assertFalse(answer(withoutRidExtension, SIMULCAST).contains("a=simulcast"));

        // rids without a=rid lines, or not valid rid-ids, are dropped; one layer left is no simulcast
        String oneUsable = SdpFixtures.CHROMIUM_SIMULCAST_OFFER.replace("a=rid:h send\n", "")
                .replace("a=rid:f send\n", "a=rid:f;x send\n")
                .replace("a=simulcast:send q;h;f", "a=simulcast:send q;h;f;x");
        String answer = answer(oneUsable, SIMULCAST);
        assertFalse(answer.contains("a=simulcast"), answer);
        assertFalse(answer.contains("a=rid"), answer);
    }

    @Test
    void hostileRidListsAreCappedAndDeduplicated() {
        StringBuilder rids = new StringBuilder();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            rids.append("a=rid:r").append(i).append(" send\n");
            list.append(i == 0 ? "" : ";").append("r").append(i).append(";r").append(i);
        }
        String offer = SdpFixtures.CHROMIUM_SIMULCAST_OFFER
                .replace("a=rid:q send\na=rid:h send\na=rid:f send\n", rids.toString())
                .replace("a=simulcast:send q;h;f", "a=simulcast:send " + list);
        MediaDescription video = video(answer(offer, SIMULCAST));
        assertEquals(List.of("r0", "r1", "r2"), video.rids().stream().map(Rid::id).toList());
        assertEquals(RelayCapabilities.MAX_SIMULCAST_LAYERS, video.simulcast().orElseThrow().receive().size());
    }
}
