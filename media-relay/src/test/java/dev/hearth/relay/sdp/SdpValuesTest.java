package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The small value types guard what ends up in descriptions and logs. */
class SdpValuesTest {

    private static final NegotiatedCodec VP8 = new NegotiatedCodec(96, "VP8", 90000, 1, Optional.empty(), List.of(),
            OptionalInt.of(97));

    @Test
    void fingerprintSpellingsOfOneValueAreEqual() {
        Fingerprint f = Fingerprint.sha256Of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        assertEquals(f, new Fingerprint("SHA-256", f.value().toLowerCase()));
        assertEquals(f.attributeValue(), dev.hearth.relay.dtls.Fingerprint.parse(f.attributeValue()).toSdpValue(),
                "the DTLS layer reads the SDP value back unchanged");
    }

    @Test
    void malformedFingerprintIsRefused() {
        assertThrows(SdpException.class, () -> new Fingerprint("sha-256", "AB:CD"));
        assertThrows(SdpException.class, () -> new Fingerprint("sha 256", Fingerprint.sha256Of(new byte[1]).value()));
    }

    @Test
    void iceCredentialsHidePasswordAndFollowRfc8839() {
        IceCredentials random = IceCredentials.random(new SecureRandom());

        assertEquals(8, random.ufrag().length());
        assertEquals(24, random.pwd().length());
        assertFalse(random.toString().contains(random.pwd()));
        assertThrows(SdpException.class, () -> new IceCredentials("abc", "abcdefghijklmnopqrstuvwx"));
        assertThrows(SdpException.class, () -> new IceCredentials("ab:c", "abcdefghijklmnopqrstuvwx"));
        assertThrows(SdpException.class, () -> new IceCredentials("abcd", "too-short"));
    }

    @Test
    void relayCandidateMustBeAnIpLiteral() {
        IceCredentials ice = new IceCredentials("abcd", "abcdefghijklmnopqrstuvwx");
        Fingerprint f = Fingerprint.sha256Of(new byte[1]);

        assertThrows(IllegalArgumentException.class, () -> new RelayTransportParameters(ice, f, "relay.example", 1));
        assertThrows(IllegalArgumentException.class, () -> new RelayTransportParameters(ice, f, "10.0.0.256", 1));
        assertThrows(IllegalArgumentException.class, () -> new RelayTransportParameters(ice, f, "10.0.0.1 x", 1));
        assertThrows(IllegalArgumentException.class, () -> new RelayTransportParameters(ice, f, "10.0.0.1", 0));
        assertEquals("IP6", new RelayTransportParameters(ice, f, "::1", 9).addressType());
    }

    @Test
    void consumerValuesThatWouldBreakTheOfferAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> consumer("a 0", "s", "t", OptionalLong.of(2)));
        assertThrows(IllegalArgumentException.class, () -> consumer("a0", "two words", "t", OptionalLong.of(2)));
        assertThrows(IllegalArgumentException.class, () -> consumer("a0", "s", "x".repeat(65), OptionalLong.of(2)));
        assertThrows(IllegalArgumentException.class, () -> consumer("a0", "s", "t", OptionalLong.empty()));
        assertThrows(IllegalArgumentException.class, () -> consumer("a0", "s", "t", OptionalLong.of(1)));
        assertThrows(IllegalArgumentException.class, () -> new ConsumerDescription("d0", MediaKind.APPLICATION, VP8,
                1, OptionalLong.of(2), "c", "s", "t"));
        assertEquals("a0", consumer("a0", "s", "t", OptionalLong.of(2)).mid());
    }

    @Test
    void codecPayloadTypesThatClashWithRtcpAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NegotiatedCodec(72, "VP8", 90000, 1, Optional.empty(),
                List.of(), OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class, () -> new NegotiatedCodec(96, "VP8", 90000, 1, Optional.empty(),
                List.of(), OptionalInt.of(96)));
        assertThrows(IllegalArgumentException.class, () -> new NegotiatedCodec(96, "VP8", 90000, 1,
                Optional.of("a=b\r\na=evil"), List.of(), OptionalInt.empty()));
    }

    @Test
    void sdpOriginVersionGrows() {
        SdpOrigin origin = SdpOrigin.random(new SecureRandom());

        assertEquals(origin.version() + 1, origin.next().version());
        assertEquals(origin.sessionId(), origin.next().sessionId());
        assertTrue(origin.sessionId() >= 0);
    }

    private static ConsumerDescription consumer(String mid, String streamId, String trackId, OptionalLong rtx) {
        return new ConsumerDescription(mid, MediaKind.VIDEO, VP8, 1, rtx, "cname", streamId, trackId);
    }

    @Test
    void parsedDescriptionsPrintWithoutCredentials() {
        PublishOffer offer = PublishOffer.parse(SdpFixtures.CHROME_PUBLISH_OFFER, RelayCapabilities.standard());

        String printed = offer.toString();

        assertFalse(printed.contains("abcdefghijklmnopqrstuvwx"), printed);
        assertTrue(printed.contains("kind=AUDIO"), printed);
    }
}
