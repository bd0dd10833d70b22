package dev.hearth.relay.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribeAnswerTest {

    private static final SubscribeOffer OFFER = new SubscribeOffer("(not needed)", new SdpOrigin(1, 2),
            new IceCredentials("relayUfr", "relayPasswordRelayPassw"), List.of("a0", "v0", "a1"), List.of("v0", "a1"));

    private static String answer(String setup, String... sections) {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 9 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=group:BUNDLE v0 a1\r\n");
        for (String section : sections) {
            sdp.append(section);
            if (!section.startsWith("m=audio 0") && !section.startsWith("m=video 0")) {
                sdp.append("a=ice-ufrag:cLnt\r\na=ice-pwd:clientPasswordClientPass\r\na=fingerprint:")
                        .append(SdpFixtures.FINGERPRINT).append("\r\na=setup:").append(setup).append("\r\n");
            }
        }
        return sdp.toString();
    }

    private static final String CLOSED_A0 = "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\na=mid:a0\r\na=inactive\r\n";
    private static final String V0 = "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:v0\r\na=recvonly\r\n";
    private static final String A1 = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a1\r\na=recvonly\r\n";

    @Test
    void readsClientIdentityAndAcceptedMids() {
        SubscribeAnswer answer = SubscribeAnswer.parse(answer("active", CLOSED_A0, V0, A1), OFFER);

        assertEquals(List.of("v0", "a1"), answer.acceptedMids());
        assertFalse(answer.isAccepted("a0"));
        assertEquals("cLnt", answer.clientIce().orElseThrow().ufrag());
        assertEquals(Setup.ACTIVE, answer.clientSetup());
        assertTrue(answer.clientFingerprint().isPresent());
    }

    @Test
    void sectionRejectedOrInactiveInTheAnswerIsNotAccepted() {
        String rejected = "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\na=mid:a1\r\n";
        String inactive = V0.replace("recvonly", "inactive");

        SubscribeAnswer answer = SubscribeAnswer.parse(answer("active", CLOSED_A0, inactive, rejected), OFFER);

        assertEquals(List.of(), answer.acceptedMids());
        assertTrue(answer.clientIce().isEmpty());
    }

    @Test
    void missingSetupMeansActive() {
        String sdp = answer("active", CLOSED_A0, V0, A1).replace("a=setup:active\r\n", "");

        assertEquals(Setup.ACTIVE, SubscribeAnswer.parse(sdp, OFFER).clientSetup());
    }

    @Test
    void passiveOrActpassAnswerIsRefused() {
        assertThrows(SdpException.class, () -> SubscribeAnswer.parse(answer("passive", CLOSED_A0, V0, A1), OFFER));
        assertThrows(SdpException.class, () -> SubscribeAnswer.parse(answer("actpass", CLOSED_A0, V0, A1), OFFER));
    }

    @Test
    void answerMustMatchTheOffersSectionsAndMids() {
        assertThrows(SdpException.class, () -> SubscribeAnswer.parse(answer("active", CLOSED_A0, V0), OFFER));
        assertThrows(SdpException.class, () -> SubscribeAnswer.parse(answer("active", CLOSED_A0, A1, V0), OFFER));
        assertThrows(SdpException.class,
                () -> SubscribeAnswer.parse(answer("active", CLOSED_A0, V0.replace("a=mid:v0\r\n", ""), A1), OFFER));
    }

    @Test
    void rejectedSectionMayDropItsMid() {
        String closedWithoutMid = "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\n";

        assertEquals(List.of("v0", "a1"),
                SubscribeAnswer.parse(answer("active", closedWithoutMid, V0, A1), OFFER).acceptedMids());
    }

    @Test
    void acceptedAnswerWithoutCredentialsOrFingerprintIsRefused() {
        String full = answer("active", CLOSED_A0, V0, A1);

        assertThrows(SdpException.class,
                () -> SubscribeAnswer.parse(full.replace("a=ice-pwd:clientPasswordClientPass\r\n", ""), OFFER));
        assertThrows(SdpException.class, () -> SubscribeAnswer.parse(
                full.replace("a=fingerprint:" + SdpFixtures.FINGERPRINT + "\r\n", ""), OFFER));
    }
}
