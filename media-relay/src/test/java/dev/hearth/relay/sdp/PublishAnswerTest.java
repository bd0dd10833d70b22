package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishAnswerTest {

    private static final RelayTransportParameters RELAY = new RelayTransportParameters(
            new IceCredentials("relayUfr", "relayPasswordRelayPassw"), Fingerprint.sha256Of(new byte[] {1, 2, 3}),
            "192.0.2.10", 40000);
    private static final SdpOrigin ORIGIN = new SdpOrigin(777, 3);

    private static String answerTo(String offer) {
        return PublishAnswer.write(PublishOffer.parse(offer, RelayCapabilities.standard()), RELAY, ORIGIN);
    }

    @Test
    void answerIsIceLiteWithTheRelaysOriginAndBundlesAcceptedMids() {
        String answer = answerTo(SdpFixtures.CHROME_PUBLISH_OFFER);
        SessionDescription parsed = SdpParser.parse(answer);

        assertTrue(answer.startsWith("v=0\r\no=- 777 3 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"));
        assertTrue(parsed.iceLite());
        assertEquals(List.of("0", "1"), parsed.bundleGroup().orElseThrow().mids());
        assertEquals(List.of(Optional.of("0"), Optional.of("1"), Optional.of("2")),
                parsed.media().stream().map(MediaDescription::mid).toList());
        assertFalse(answer.contains("\n\n") || answer.replace("\r\n", "").contains("\n"), "CRLF only");
    }

    @Test
    void acceptedSectionsAreRecvonlyPassiveOnTheRelaysCandidate() {
        SessionDescription parsed = SdpParser.parse(answerTo(SdpFixtures.CHROME_PUBLISH_OFFER));

        for (MediaDescription m : parsed.media().subList(0, 2)) {
            assertEquals(40000, m.port());
            assertEquals(Optional.of(Direction.RECVONLY), m.direction());
            assertEquals(Optional.of(Setup.PASSIVE), m.setup());
            assertEquals(RELAY.ice(), parsed.iceCredentials(m).orElseThrow());
            assertEquals(List.of(RELAY.fingerprint()), m.fingerprints());
            assertTrue(m.rtcpMux());
            assertTrue(m.rtcpRsize());
            assertTrue(m.endOfCandidates());
            Candidate c = m.candidates().get(0);
            assertEquals(List.of("1", "udp", "192.0.2.10", "40000", "host", "2130706431"),
                    List.of(c.foundation(), c.transport(), c.address(), Integer.toString(c.port()), c.type(),
                            Long.toString(c.priority())));
        }
    }

    @Test
    void answerCodecsAndExtensionsAreTheIntersectionWithTheOffersNumbers() {
        String answer = answerTo(SdpFixtures.CHROME_PUBLISH_OFFER);
        SessionDescription parsed = SdpParser.parse(answer);
        MediaDescription audio = parsed.media().get(0);
        MediaDescription video = parsed.media().get(1);

        assertEquals(List.of("111"), audio.formats());
        assertEquals(Optional.of("minptime=10;useinbandfec=1"), audio.codec(111).orElseThrow().fmtp());
        assertEquals(List.of("96", "97", "127", "121"), video.formats());
        assertEquals(96, video.codec(97).orElseThrow().associatedPayloadType().orElseThrow());
        assertEquals(List.of(2, 3, 4), video.headerExtensions().stream().map(HeaderExtension::id).toList());
        assertEquals(List.of(1, 2, 3, 4), audio.headerExtensions().stream().map(HeaderExtension::id).toList());
        assertFalse(answer.contains("toffset"));
        assertFalse(answer.contains("G722"));
        assertTrue(answer.contains("a=rtpmap:111 opus/48000/2\r\n"));
        assertTrue(answer.contains("a=rtpmap:96 VP8/90000\r\n"));
    }

    @Test
    void rejectedDataChannelKeepsItsMidWithPortZero() {
        String answer = answerTo(SdpFixtures.CHROME_PUBLISH_OFFER);

        assertTrue(answer.endsWith("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=mid:2\r\n"));
    }

    @Test
    void ipv6CandidateUsesIp6ConnectionLines() {
        RelayTransportParameters v6 = new RelayTransportParameters(RELAY.ice(), RELAY.fingerprint(), "2001:db8::7",
                40000);

        String answer = PublishAnswer.write(PublishOffer.parse(SdpFixtures.FIREFOX_STYLE_OFFER,
                RelayCapabilities.standard()), v6, ORIGIN);

        assertTrue(answer.contains("c=IN IP6 2001:db8::7\r\n"));
        assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 2001:db8::7 40000 typ host\r\n"));
    }

    /**
     * Every address is a candidate, each with its own foundation and a unique priority (RFC 8445 §5.1.2.1), UDP
     * above passive ICE-TCP (RFC 6544 §4.5), and the first is the default of the m= and c= lines.
     */
    @Test
    void everyCandidateIsListedWithUdpAboveTcp() {
        RelayTransportParameters dual = new RelayTransportParameters(RELAY.ice(), RELAY.fingerprint(), List.of(
                HostCandidate.udp("192.0.2.10", 40000), HostCandidate.udp("2001:db8::7", 40000),
                HostCandidate.tcp("192.0.2.10", 443)));

        String answer = PublishAnswer.write(PublishOffer.parse(SdpFixtures.CHROME_PUBLISH_OFFER,
                RelayCapabilities.standard()), dual, ORIGIN);

        assertTrue(answer.contains("m=audio 40000 UDP/TLS/RTP/SAVPF"));
        assertTrue(answer.contains("c=IN IP4 192.0.2.10\r\n"));
        assertTrue(answer.contains("a=candidate:1 1 udp 2130706431 192.0.2.10 40000 typ host\r\n"));
        assertTrue(answer.contains("a=candidate:2 1 udp 2130706175 2001:db8::7 40000 typ host\r\n"));
        assertTrue(answer.contains("a=candidate:3 1 tcp 2124414463 192.0.2.10 443 typ host tcptype passive\r\n"),
                answer);
        List<Candidate> parsed = SdpParser.parse(answer).media().get(0).candidates();
        assertEquals(3, parsed.size());
    }

    @Test
    void hostileRejectedSectionCannotShapeTheAnswer() {
        String offer = SdpFixtures.CHROME_PUBLISH_OFFER.replace("m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "m=te<x>t 9 UDP//SCTP \"f\" ok");

        String answer = answerTo(offer);

        assertTrue(answer.contains("m=application 0 UDP/TLS/RTP/SAVPF ok\r\n"));
    }
}
