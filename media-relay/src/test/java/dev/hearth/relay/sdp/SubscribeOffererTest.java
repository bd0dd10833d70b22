package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SubscribeOffererTest {

    private static final RelayTransportParameters RELAY = new RelayTransportParameters(
            new IceCredentials("relayUfr", "relayPasswordRelayPassw"), Fingerprint.sha256Of(new byte[] {9}),
            "192.0.2.10", 40000);
    private static final IceCredentials RESTARTED = new IceCredentials("fresh123", "freshPasswordFreshPassw");
    private static final NegotiatedCodec OPUS = new NegotiatedCodec(111, "opus", 48000, 2,
            Optional.of(RelayCapabilities.OPUS_FMTP), List.of(RtcpFeedback.TRANSPORT_CC), OptionalInt.empty());
    private static final NegotiatedCodec VP8 = new NegotiatedCodec(96, "VP8", 90000, 1, Optional.empty(),
            List.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI), OptionalInt.of(97));
    private static final ConsumerDescription MIC = new ConsumerDescription("a0", MediaKind.AUDIO, OPUS, 11,
            OptionalLong.empty(), "hearth", "p-1f2e", "t-mic");
    private static final ConsumerDescription CAM = new ConsumerDescription("v0", MediaKind.VIDEO, VP8, 21,
            OptionalLong.of(22), "hearth", "p-1f2e", "t-cam");
    private static final ConsumerDescription MIC2 = new ConsumerDescription("a1", MediaKind.AUDIO, OPUS, 31,
            OptionalLong.empty(), "hearth", "p-9a8b", "t-mic2");

    private final SubscribeOfferer offerer = new SubscribeOfferer(RELAY, RelayCapabilities.standard(),
            () -> RESTARTED, new SdpOrigin(42, 1));

    @Test
    void firstOfferIsSendonlyActpassIceLiteWithAllMidsBundled() {
        SubscribeOffer offer = offerer.createOffer(List.of(MIC, CAM), false);
        SessionDescription sdp = SdpParser.parse(offer.sdp());

        assertEquals(1, sdp.origin().sessionVersion());
        assertEquals("42", sdp.origin().sessionId());
        assertTrue(sdp.iceLite());
        assertEquals(List.of("a0", "v0"), sdp.bundleGroup().orElseThrow().mids());
        assertEquals(List.of("p-1f2e"), sdp.msidSemantic().orElseThrow().streamIds());
        for (MediaDescription m : sdp.media()) {
            assertEquals(Optional.of(Direction.SENDONLY), m.direction());
            assertEquals(Optional.of(Setup.ACTPASS), m.setup());
            assertEquals(RELAY.ice(), sdp.iceCredentials(m).orElseThrow());
            assertEquals(40000, m.candidates().get(0).port());
        }
        assertEquals(RELAY.ice(), offer.relayIce());
    }

    @Test
    void offerAnnouncesSsrcsMsidAndRtxGroup() {
        SessionDescription sdp = SdpParser.parse(offerer.createOffer(List.of(MIC, CAM), false).sdp());
        MediaDescription video = sdp.media().get(1);

        assertEquals(List.of("96", "97"), video.formats());
        assertEquals(List.of(new Msid("p-1f2e", Optional.of("t-cam"))), video.msids());
        assertEquals(List.of(new SsrcGroup("FID", List.of(21L, 22L))), video.ssrcGroups());
        assertEquals(List.of(new SsrcDescription(21, Optional.of("hearth"), Optional.of(new Msid("p-1f2e",
                Optional.of("t-cam")))), new SsrcDescription(22, Optional.of("hearth"), Optional.of(new Msid(
                "p-1f2e", Optional.of("t-cam"))))), video.ssrcs());
        assertEquals(96, video.codec(97).orElseThrow().associatedPayloadType().orElseThrow());
        assertEquals(RelayCapabilities.standard().ownHeaderExtensions(MediaKind.VIDEO), video.headerExtensions());
        assertEquals(List.of(new SsrcDescription(11, Optional.of("hearth"), Optional.of(new Msid("p-1f2e",
                Optional.of("t-mic"))))), sdp.media().get(0).ssrcs());
    }

    @Test
    void closedConsumerKeepsItsMlineInactiveWithPortZeroOutsideTheBundle() {
        offerer.createOffer(List.of(MIC, CAM), false);

        SubscribeOffer second = offerer.createOffer(List.of(MIC, MIC2), false);
        SessionDescription sdp = SdpParser.parse(second.sdp());

        assertEquals(List.of("a0", "v0", "a1"), second.mids());
        assertEquals(List.of("a0", "a1"), second.activeMids());
        assertEquals(List.of("a0", "a1"), sdp.bundleGroup().orElseThrow().mids());
        MediaDescription closed = sdp.media().get(1);
        assertEquals(0, closed.port());
        assertEquals(Optional.of(Direction.INACTIVE), closed.direction());
        assertTrue(closed.ssrcs().isEmpty());
        assertTrue(closed.candidates().isEmpty());
        assertEquals(List.of(new Msid("p-9a8b", Optional.of("t-mic2"))), sdp.media().get(2).msids());
    }

    @Test
    void closedFirstSectionStaysInTheBundleAsInactiveSoTheTransportSurvives() {
        offerer.createOffer(List.of(MIC, CAM), false);

        SubscribeOffer second = offerer.createOffer(List.of(CAM, MIC2), false);
        SessionDescription sdp = SdpParser.parse(second.sdp());

        assertEquals(List.of("a0", "v0", "a1"), second.mids());
        assertEquals(List.of("v0", "a1"), second.activeMids());
        assertEquals(List.of("a0", "v0", "a1"), sdp.bundleGroup().orElseThrow().mids(), "a0 still tags the bundle");
        MediaDescription disabled = sdp.media().get(0);
        assertEquals(40000, disabled.port());
        assertEquals(Optional.of(Direction.INACTIVE), disabled.direction());
        assertTrue(disabled.ssrcs().isEmpty());
        assertTrue(disabled.msids().isEmpty());
        assertEquals(40000, disabled.candidates().get(0).port());
        assertTrue(sdp.iceCredentials(disabled).isPresent());
    }

    @Test
    void closedMidStaysClosedAndIsNeverReopened() {
        offerer.createOffer(List.of(MIC, CAM), false);
        offerer.createOffer(List.of(CAM), false);

        SubscribeOffer third = offerer.createOffer(List.of(CAM, MIC2), false);

        assertEquals(List.of("a0", "v0", "a1"), third.mids());
        assertFalse(third.activeMids().contains("a0"));
        assertThrows(IllegalArgumentException.class, () -> offerer.createOffer(List.of(MIC, CAM), false));
    }

    @Test
    void everyOfferIncrementsTheSessionVersion() {
        assertEquals(1, offerer.createOffer(List.of(MIC), false).origin().version());
        assertEquals(2, offerer.createOffer(List.of(MIC, CAM), false).origin().version());
        assertEquals(3, offerer.createOffer(List.of(MIC, CAM), false).origin().version());
    }

    @Test
    void iceRestartTakesNewCredentialsAndKeepsThem() {
        offerer.createOffer(List.of(MIC), false);

        SubscribeOffer restarted = offerer.createOffer(List.of(MIC), true);
        SubscribeOffer after = offerer.createOffer(List.of(MIC), false);

        assertEquals(RESTARTED, restarted.relayIce());
        assertTrue(restarted.sdp().contains("a=ice-ufrag:fresh123\r\n"));
        assertEquals(RESTARTED, after.relayIce());
    }

    @Test
    void allConsumersClosedLeavesOnlyTheDisabledBundleTag() {
        offerer.createOffer(List.of(MIC, CAM), false);

        SubscribeOffer empty = offerer.createOffer(List.of(), false);

        assertEquals(List.of("a0"), SdpParser.parse(empty.sdp()).bundleGroup().orElseThrow().mids());
        assertEquals(List.of(), empty.activeMids());
    }

    @Test
    void misuseIsRefusedWithoutChangingState() {
        assertThrows(IllegalArgumentException.class, () -> offerer.createOffer(List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> offerer.createOffer(List.of(MIC, MIC), false));
        offerer.createOffer(List.of(MIC), false);
        ConsumerDescription micAsVideo = new ConsumerDescription("a0", MediaKind.VIDEO, VP8, 50, OptionalLong.of(51),
                "hearth", "p-1f2e", "t-x");
        assertThrows(IllegalArgumentException.class, () -> offerer.createOffer(List.of(micAsVideo), false));
        NegotiatedCodec h264On111 = new NegotiatedCodec(111, "H264", 90000, 1, Optional.empty(), List.of(),
                OptionalInt.empty());
        ConsumerDescription clash = new ConsumerDescription("v9", MediaKind.VIDEO, h264On111, 60,
                OptionalLong.empty(), "hearth", "p-1f2e", "t-y");
        assertThrows(IllegalArgumentException.class, () -> offerer.createOffer(List.of(MIC, clash), false));

        assertEquals(List.of("a0"), offerer.lastOffer().mids());
        assertEquals(2, offerer.createOffer(List.of(MIC), false).origin().version());
    }

    @Test
    void answerBeforeAnyOfferIsAStateError() {
        assertThrows(IllegalStateException.class, () -> offerer.acceptAnswer("v=0"));
    }

    @Test
    void offerTextStaysOutOfToString() {
        SubscribeOffer offer = offerer.createOffer(List.of(MIC), false);

        assertFalse(offer.toString().contains(RELAY.ice().pwd()));
        assertNotEquals(-1, offer.sdp().indexOf(RELAY.ice().pwd()));
    }

    @Test
    void closedSectionIsRecycledOnlyWhenTheSectionLimitIsReached() {
        SubscribeOfferer small = new SubscribeOfferer(RELAY, RelayCapabilities.standard(), () -> RESTARTED,
                new SdpOrigin(1, 1), 3);
        small.createOffer(List.of(MIC, CAM), false);
        small.createOffer(List.of(MIC), false);

        SubscribeOffer third = small.createOffer(List.of(MIC, MIC2), false);
        assertEquals(List.of("a0", "v0", "a1"), third.mids(), "room left: the closed v0 stays");

        ConsumerDescription cam2 = new ConsumerDescription("v1", MediaKind.VIDEO, VP8, 41, OptionalLong.of(42),
                "hearth", "p-9a8b", "t-cam2");
        SubscribeOffer fourth = small.createOffer(List.of(MIC, MIC2, cam2), false);
        assertEquals(List.of("a0", "v1", "a1"), fourth.mids(), "no room: v1 takes the closed section's place");
        assertEquals(List.of("a0", "v1", "a1"), fourth.activeMids());
        assertEquals(MediaKind.VIDEO, SdpParser.parse(fourth.sdp()).media().get(1).kind());

        ConsumerDescription oneTooMany = new ConsumerDescription("a2", MediaKind.AUDIO, OPUS, 51,
                OptionalLong.empty(), "hearth", "p-9a8b", "t-mic3");
        assertThrows(IllegalArgumentException.class,
                () -> small.createOffer(List.of(MIC, MIC2, cam2, oneTooMany), false));
        assertThrows(IllegalArgumentException.class, () -> small.createOffer(List.of(MIC, MIC2, CAM), false),
                "v0 was used once and is never handed out again");
    }

    @Test
    void disabledBundleTagIsNeverRecycled() {
        SubscribeOfferer small = new SubscribeOfferer(RELAY, RelayCapabilities.standard(), () -> RESTARTED,
                new SdpOrigin(1, 1), 2);
        small.createOffer(List.of(MIC, CAM), false);
        small.createOffer(List.of(CAM), false);

        assertThrows(IllegalArgumentException.class, () -> small.createOffer(List.of(CAM, MIC2), false),
                "only a0 is closed, and it carries the transport");
    }
}
